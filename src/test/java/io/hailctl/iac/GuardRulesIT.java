package io.hailctl.iac;

import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * AWS's Guard rules (the Control Tower proactive controls for S3, IAM, EC2 and security groups,
 * EMR, SageMaker, CodeBuild and CloudWatch Logs, cloudformation/guard/rules.txt) run with cfn-guard
 * against every template, rendered with realistic values ({@code scripts/lint-iac guard}): no rule
 * fails, and every exemption sits next to its resource with its reason and is still needed. A
 * second test runs the same rules on a template of known violations and expects each one found, so
 * the check cannot pass by evaluating nothing.
 */
class GuardRulesIT {

    @Test
    void everyTemplatePassesAwsGuardRulesOrSaysWhyNot(@TempDir Path tmp) throws Exception {
        LintIac run = lintGuard(tmp, "");

        assertEquals(0, run.exit(), "lint-iac guard found problems:\n" + run.out());
        assertTrue(run.out().contains("53 rules x 10 rendered templates"), run.out());
        assertTrue(run.out().contains(" 0 fail; 0 problems"), run.out());
        // The exemptions, each still needed (the rule fails the template without it).
        for (String exemption : List.of(
                "suppressed s3_bucket_logging_enabled_check on hail-s3.yml ['LogBucket']",
                "suppressed s3_bucket_default_encryption_kms_check on hail-s3.yml ['LogBucket', 'HailBucket', 'JupyterBucket']",
                "suppressed emr_sec_config_encryption_in_transit_check on hail-emr.yml ['SecurityConfiguration']",
                "suppressed cloudwatch_log_group_retention_period_check on hail-ami.yml ['BuildLogGroup']")) {
            assertTrue(run.out().contains(exemption), "missing: " + exemption + "\n" + run.out());
        }
    }

    @Test
    void knownViolationsAreFound(@TempDir Path tmp) throws Exception {
        Path defects = TestTools.projectDir().resolve("src/test/resources/iac/guard-defects.yml");

        LintIac run = lintGuard(tmp, defects.toString());

        assertEquals(1, run.exit(), run.out());
        for (String rule : List.of(
                "ct-s3-pr-1 (s3_bucket_level_public_access_prohibited_check)",
                "ct-ec2-pr-3 (vpc_sg_open_only_to_authorized_ports_check)",
                "ct-ec2-pr-4 (vpc_sg_restricted_common_ports_check)",
                "ct-sagemaker-pr-1 (sagemaker_notebook_no_direct_internet_access_check)",
                "ct-sagemaker-pr-3 (sagemaker_notebook_instance_root_access_check)")) {
            assertTrue(run.out().contains(rule + " FAILS on guard-defects.all-conditions-true.json"),
                    "not found: " + rule + "\n" + run.out());
        }
        // The shipped templates stay clean next to it.
        assertTrue(run.out().lines().filter(l -> l.contains(" FAILS on ")).allMatch(l -> l.contains("guard-defects.")),
                run.out());
    }

    private static LintIac lintGuard(Path tmp, String extra) throws IOException, InterruptedException {
        // Only a first run may have to build cfn-guard (minutes on 2 cores).
        return LintIac.run(tmp, "guard", Map.of("LINT_IAC_EXTRA_TEMPLATES", extra), Duration.ofMinutes(40));
    }
}
