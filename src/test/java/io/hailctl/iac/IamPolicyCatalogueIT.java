package io.hailctl.iac;

import io.hailctl.deploy.efs.FileSystemPolicy;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every IAM policy hailctl ships, checked against AWS's catalogue of actions, resource types and
 * condition keys ({@code scripts/lint-iac iam}: parliament and policy_sentry): the templates'
 * roles, inline and managed policies and bucket policies rendered with realistic ARNs, the
 * policies in the docs, and the EFS file-system policy exactly as {@link FileSystemPolicy} builds
 * it. The findings that stay are in {@code scripts/lib/iam-allowed-findings.yml}, each with its
 * reason; any other finding fails. A second test feeds known defects and expects each to be found
 * by both checkers, so the check cannot pass by seeing nothing.
 */
class IamPolicyCatalogueIT {
    private static final String FS_ARN =
            "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/fs-0123456789abcdef0";

    @Test
    void everyShippedPolicyUsesOnlyRealActionsResourcesAndConditionKeys(@TempDir Path tmp) throws Exception {
        Path efs = tmp.resolve("efs-policy.json");
        Files.writeString(efs, FileSystemPolicy.document(FS_ARN), StandardCharsets.UTF_8);

        LintIac run = lintIam(tmp, "FileSystemPolicy.java=" + efs);

        assertEquals(0, run.exit(), "lint-iac iam found problems:\n" + run.out());
        assertTrue(run.out().contains("; 0 unexplained findings"), run.out());
        // What was checked: each template's policies of each kind, the docs, and the code's policy.
        for (String seen : List.of(
                "trust    hail-emr.yml:ServiceRole/AssumeRolePolicyDocument",
                "identity hail-emr.yml:InstanceRole/hail-cluster-nodes",
                "trust    hail-emr.yml:HardStopRole/AssumeRolePolicyDocument",
                "identity hail-emr.yml:HardStopRole/terminate-this-cluster",
                "identity hail-ami.yml:BuildRole/packer-amazon-ebs",
                "identity hail-jupyter.yml:NotebookRole/jupyter-bucket-own-prefix",
                "identity hail-jupyter.yml:SsmShellPolicy/PolicyDocument",
                "identity hail-jupyter.yml:EfsClientPolicy/PolicyDocument",
                "resource hail-s3.yml:LogBucketPolicy/PolicyDocument",
                "resource docs/users.md:",
                "resource cloudformation/README.md:",
                "resource FileSystemPolicy.java: 2 statements")) {
            assertTrue(run.out().contains("  " + seen), "not checked: " + seen + "\n" + run.out());
        }
    }

    @Test
    void knownDefectsAreFoundByBothCatalogues(@TempDir Path tmp) throws Exception {
        Path defects = TestTools.projectDir().resolve("src/test/resources/iac/iam-defects.json");

        LintIac run = lintIam(tmp, "defects=" + defects);

        assertEquals(1, run.exit(), run.out());
        for (String finding : List.of(
                "FINDING defects [UnknownAction] parliament:UNKNOWN_ACTION",
                "FINDING defects [UnknownAction] policy_sentry:UNKNOWN_ACTION",
                "FINDING defects [UnknownService] parliament:UNKNOWN_PREFIX",
                "FINDING defects [UnknownService] policy_sentry:UNKNOWN_ACTION",
                "FINDING defects [ListOnObjects] parliament:RESOURCE_MISMATCH",
                "FINDING defects [ListOnObjects] policy_sentry:RESOURCE_MISMATCH",
                "FINDING defects [UnsupportedConditionKey] parliament:UNKNOWN_CONDITION_FOR_ACTION",
                "FINDING defects [UnsupportedConditionKey] policy_sentry:UNKNOWN_CONDITION_FOR_ACTION")) {
            assertTrue(run.out().contains(finding), "not found: " + finding + "\n" + run.out());
        }
        assertTrue(run.out().contains("; 8 unexplained findings"), run.out());
    }

    private static LintIac lintIam(Path tmp, String extra) throws IOException, InterruptedException {
        return LintIac.run(tmp, "iam", Map.of("LINT_IAC_EXTRA_POLICIES", extra), Duration.ofMinutes(5));
    }
}
