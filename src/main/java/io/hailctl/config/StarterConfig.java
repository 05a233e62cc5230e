package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.util.Objects;
import java.util.Optional;

/**
 * The commented {@code hailctl.yaml} that {@code hailctl init} writes. Every setting is either present
 * or commented out with its default and one line on what it does; placeholder ids and bucket names pass
 * validation, so the file loads as written and people only replace what is theirs.
 */
public record StarterConfig(String environment, Optional<String> region) {
    public static final String PLACEHOLDER_VPC = "vpc-0123456789abcdef0";
    public static final String PLACEHOLDER_SUBNET = "subnet-0123456789abcdef0";
    public static final String PLACEHOLDER_FILE_SYSTEM = "fs-0123456789abcdef0";

    public StarterConfig {
        Objects.requireNonNull(environment, "environment");
        Objects.requireNonNull(region, "region");
        FieldRules.environment(environment).ifPresent(rule -> {
            throw new HailctlException(ExitCode.USAGE, "environment " + ConfigProblem.quoted(environment) + ": " + rule);
        });
        region.flatMap(FieldRules::region).ifPresent(rule -> {
            throw new HailctlException(ExitCode.USAGE, "region " + ConfigProblem.quoted(region.get()) + ": " + rule);
        });
    }

    public static StarterConfig placeholder() {
        return new StarterConfig("dev", Optional.of("us-east-1"));
    }

    public String text() {
        NotebookDefaults nb = NotebookDefaults.DEFAULTS;
        AmiSpec ami = AmiSpec.DEFAULTS;
        EmrSpec emr = EmrSpec.DEFAULTS;
        String buckets = "my-org-" + environment;
        Lines out = new Lines();
        out.comment("hailctl.yaml: one Hail-on-EMR environment, written by 'hailctl init'.")
                .comment("Replace the placeholders (ids, bucket names), then run 'hailctl plan' to preview.")
                .comment("Every value is checked before any AWS call. A commented line shows the default.")
                .blank()
                .comment("Prefix of every stack name: 2-20 lowercase letters, digits and single hyphens.")
                .set("environment: " + environment, "")
                .blank()
                .comment("AWS region and named profile. --region, AWS_REGION and AWS_DEFAULT_REGION win over")
                .comment("region; --profile and AWS_PROFILE win over profile. Unset: the profile's own settings.");
        region.ifPresentOrElse(r -> out.set("region: " + r, ""), () -> out.unset("region: us-east-1", ""));
        out.unset("profile: default", "")
                .blank()
                .comment("The VPC and the ONE subnet shared by every notebook and EMR cluster. vpcId: default")
                .comment("means the region's default VPC; subnetId: default then picks one of its subnets.")
                .set("network:", "")
                .set("  vpcId: " + PLACEHOLDER_VPC, "")
                .set("  subnetId: " + PLACEHOLDER_SUBNET, "")
                .blank()
                .comment("Three S3 buckets, created by hailctl: globally unique names, all different.")
                .set("buckets:", "")
                .set("  hail: " + buckets + "-hail", "VEP cache and config, AMI build bundle")
                .set("  logs: " + buckets + "-logs", "EMR logs")
                .set("  jupyter: " + buckets + "-jupyter", "notebook backups, common-notebooks/, scripts/")
                .blank()
                .comment("Defaults for every user's SageMaker notebook.")
                .set("notebooks:", "")
                .unset("  instanceType: " + nb.instanceType(), "an ml.* notebook instance type")
                .unset("  volumeSizeGb: " + nb.volumeSizeGb(), "ML storage volume, 5..16384 GB")
                .unset("  platform: " + nb.platform(), "SageMaker platform identifier (Amazon Linux 2)")
                .unset("  directInternetAccess: " + nb.directInternetAccess(), "false: traffic only through the VPC")
                .blank()
                .comment("One notebook per user; 'hailctl add-user NAME' adds entries here. Per user, optional:")
                .comment("instanceType, volumeSizeGb (default: the notebooks block) and ssm (default: the first cluster's).")
                .set("users: []", "")
                .example("  - name: alice")
                .example("  - name: bob")
                .example("    instanceType: ml.t3.large")
                .blank()
                .comment("Optional EFS file system: a per-user access point in each notebook, /efs on EMR.")
                .unset("efs:", "")
                .example("  fileSystemId: " + PLACEHOLDER_FILE_SYSTEM)
                .blank()
                .comment("The AMI of the EMR nodes. source: default (EMR's own AMI, Hail installed at boot),")
                .comment("build ('hailctl build-ami', needed for VEP), public (the original catalogue, EMR 5.x")
                .comment("legacy) or ami-... (an AMI you already have).")
                .set("ami:", "")
                .set("  source: " + ami.source().yamlValue(), "")
                .set("  hailVersion: " + ami.hailVersion(), "0.2.131 or newer (Spark 3.5 on EMR 7)")
                .set("  vepVersion: " + ami.vepVersion(), "none, or an Ensembl release such as 116")
                .blank()
                .comment("The EMR clusters 'deploy all' keeps running, each its own stack ENV-emr-NAME. The first")
                .comment("one is also the default of ad-hoc clusters ('hailctl cluster start NAME --workers 8 ...').")
                .comment("clusters: [] means none. The older one-cluster emr: block still works (not both).")
                .set("clusters:", "")
                .set("  - name: " + emr.name(), "2-20 lowercase letters, digits, hyphens")
                .set("    releaseLabel: " + emr.releaseLabel(), "EMR 7.x: Hail 0.2.13x needs Spark 3.5")
                .set("    masterType: " + emr.masterType(), "")
                .set("    coreType: " + emr.coreType(), "")
                .set("    coreCount: " + emr.coreCount(), "at least 1")
                .unset("    taskType: " + emr.taskType(), "")
                .unset("    taskMin: " + emr.taskMin(), "")
                .set("    taskMax: " + emr.taskMax(), "0 = no task nodes")
                .unset("    taskMarket: " + emr.taskMarket().yamlValue(), "or SPOT (bid: the on-demand price)")
                .unset("    scaling: " + emr.scaling().yamlValue(), "or rules (the original's three rules)")
                .set("    idleTimeoutMinutes: " + emr.idleTimeoutMinutes(), "terminate when idle; 0 = never, max 10080")
                .unset("    ssm: " + emr.ssm(), "shell from notebooks to EMR nodes via SSM")
                .blank()
                .comment("Extra tags on every stack (keys must not start with aws: or hailctl:).")
                .unset("tags:", "")
                .example("  team: genomics")
                .blank()
                .comment("Also publish the original solution's /hail/s3/* SSM parameters.")
                .unset("legacySsmParameters: false", "");
        return out.toString();
    }

    /** Builds the file with trailing comments lined up in one column. */
    private static final class Lines {
        private static final int COMMENT_COLUMN = 40;
        private final StringBuilder text = new StringBuilder();

        Lines comment(String comment) {
            text.append("# ").append(comment).append('\n');
            return this;
        }

        Lines blank() {
            text.append('\n');
            return this;
        }

        /** A line of an example whose parent is commented out too: '#' stays in column 0. */
        Lines example(String yaml) {
            text.append("# ").append(yaml).append('\n');
            return this;
        }

        Lines set(String yaml, String comment) {
            return line(yaml, comment);
        }

        /** A setting left at its default, shown commented out at the indentation it would have. */
        Lines unset(String yaml, String comment) {
            int indent = yaml.length() - yaml.stripLeading().length();
            return line(yaml.substring(0, indent) + "# " + yaml.substring(indent), comment);
        }

        private Lines line(String yaml, String comment) {
            text.append(yaml);
            if (!comment.isEmpty()) {
                text.append(" ".repeat(Math.max(1, COMMENT_COLUMN - yaml.length()))).append("# ").append(comment);
            }
            text.append('\n');
            return this;
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }
}
