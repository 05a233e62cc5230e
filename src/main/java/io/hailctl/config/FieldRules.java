package io.hailctl.config;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The format rules of single {@code hailctl.yaml} values. Each method returns the rule the value breaks,
 * in words, or empty when the value is fine. Rules that need several fields (distinct buckets, taskMin
 * against taskMax) live in the reader, where both lines are known.
 */
public final class FieldRules {
    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*[a-z0-9]");
    private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\\d+");
    private static final Pattern NO_WHITESPACE = Pattern.compile("\\S+");
    private static final String HEX_ID = "-([0-9a-f]{8}|[0-9a-f]{17})";
    private static final Pattern VPC_ID = Pattern.compile("vpc" + HEX_ID);
    private static final Pattern SUBNET_ID = Pattern.compile("subnet" + HEX_ID);
    private static final Pattern FILE_SYSTEM_ID = Pattern.compile("fs" + HEX_ID);
    private static final Pattern AMI_ID = Pattern.compile("ami" + HEX_ID);
    /** family, generation, optional attributes, size: m5.xlarge, m7g.2xlarge, i4i.large, m7i-flex.large, r7iz.metal-16xl. */
    private static final String EC2_TYPE = "[a-z]+-?[0-9]+[a-z0-9-]*\\.(nano|micro|small|medium|large|[0-9]*xlarge|metal(-[0-9]+xl)?)";
    private static final Pattern INSTANCE_TYPE = Pattern.compile(EC2_TYPE);
    private static final Pattern NOTEBOOK_INSTANCE_TYPE = Pattern.compile("ml\\." + EC2_TYPE);
    private static final Pattern NOTEBOOK_PLATFORM = Pattern.compile("notebook-al2-v\\d+");
    private static final Pattern RELEASE_LABEL = Pattern.compile("emr-(\\d{1,4})\\.\\d{1,4}\\.\\d{1,4}");
    private static final Pattern HAIL_VERSION = Pattern.compile("0\\.2\\.(\\d{1,6})");
    private static final Pattern VEP_RELEASE = Pattern.compile("\\d{1,6}");
    /** The characters AWS allows in tag keys and values. */
    private static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");

    public static final int MAX_ENVIRONMENT_LENGTH = 20;
    public static final int MAX_CLUSTER_NAME_LENGTH = 20;
    /** Hail 0.2.131 is the first release built for Spark 3.5, which EMR 7 ships. */
    public static final int MIN_HAIL_PATCH = 131;
    public static final int SUPPORTED_EMR_MAJOR = 7;
    public static final int MIN_VEP_RELEASE = 85;
    public static final int MAX_VEP_RELEASE = 200;
    public static final int MAX_TAG_KEY_LENGTH = 128;
    public static final int MAX_TAG_VALUE_LENGTH = 256;

    private FieldRules() {
    }

    /** The stack-name prefix: it must stay short and valid inside every stack, role and notebook name. */
    public static Optional<String> environment(String value) {
        boolean ok = value.length() >= 2 && value.length() <= MAX_ENVIRONMENT_LENGTH
                && NAME.matcher(value).matches() && !value.contains("--");
        return ok ? Optional.empty()
                : Optional.of("environment names are 2 to " + MAX_ENVIRONMENT_LENGTH
                        + " lowercase letters, digits and single hyphens, starting with a letter and ending with"
                        + " a letter or digit (they prefix every stack name)");
    }

    public static Optional<String> region(String value) {
        return REGION.matcher(value).matches() ? Optional.empty()
                : Optional.of("not an AWS region name like us-east-1 or eu-west-2");
    }

    public static Optional<String> profile(String value) {
        return NO_WHITESPACE.matcher(value).matches() ? Optional.empty()
                : Optional.of("profile names must not be blank or contain whitespace");
    }

    public static Optional<String> vpcId(String value) {
        return value.equals(Network.DEFAULT) || VPC_ID.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected \"default\" or a VPC id: vpc- and 8 or 17 lowercase hex digits");
    }

    public static Optional<String> subnetId(String value) {
        return value.equals(Network.DEFAULT) || SUBNET_ID.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected a subnet id: subnet- and 8 or 17 lowercase hex digits"
                        + " (or \"default\" when vpcId is \"default\")");
    }

    public static Optional<String> fileSystemId(String value) {
        return FILE_SYSTEM_ID.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected an EFS file system id: fs- and 8 or 17 lowercase hex digits");
    }

    public static Optional<String> amiSource(String value) {
        return parseAmiSource(value).isPresent() ? Optional.empty()
                : Optional.of("expected default, public, build or an AMI id (ami- and 8 or 17 lowercase hex digits)");
    }

    public static Optional<AmiSource> parseAmiSource(String value) {
        return switch (value) {
            case "default" -> Optional.of(new AmiSource.DefaultAmi());
            case "public" -> Optional.of(new AmiSource.PublicCatalogue());
            case "build" -> Optional.of(new AmiSource.Build());
            default -> AMI_ID.matcher(value).matches() ? Optional.of(new AmiSource.Explicit(value)) : Optional.empty();
        };
    }

    public static Optional<String> instanceType(String value) {
        return INSTANCE_TYPE.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected an EC2 instance type like m5.xlarge or r5.4xlarge");
    }

    public static Optional<String> notebookInstanceType(String value) {
        return NOTEBOOK_INSTANCE_TYPE.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected a SageMaker notebook instance type like ml.t3.medium");
    }

    public static Optional<String> notebookPlatform(String value) {
        return NOTEBOOK_PLATFORM.matcher(value).matches() ? Optional.empty()
                : Optional.of("expected a SageMaker notebook platform like notebook-al2-v3");
    }

    /** The cluster name appears in stack names after the environment, so the same shape applies. */
    public static Optional<String> clusterName(String value) {
        boolean ok = value.length() <= MAX_CLUSTER_NAME_LENGTH && NAME.matcher(value).matches();
        return ok ? Optional.empty()
                : Optional.of("cluster names are 2 to " + MAX_CLUSTER_NAME_LENGTH
                        + " lowercase letters, digits and hyphens, starting with a letter and ending with a letter"
                        + " or digit");
    }

    public static Optional<String> releaseLabel(String value) {
        Matcher m = RELEASE_LABEL.matcher(value);
        if (!m.matches()) {
            return Optional.of("expected an EMR release label like " + EmrSpec.DEFAULTS.releaseLabel());
        }
        if (Integer.parseInt(m.group(1)) != SUPPORTED_EMR_MAJOR) {
            return Optional.of("Hail 0.2.13x needs Spark 3.5, which EMR 7.x provides: use an emr-7.x.y release label");
        }
        return Optional.empty();
    }

    public static Optional<String> hailVersion(String value) {
        Matcher m = HAIL_VERSION.matcher(value);
        if (!m.matches()) {
            return Optional.of("expected a Hail version like " + AmiSpec.DEFAULTS.hailVersion());
        }
        if (Integer.parseInt(m.group(1)) < MIN_HAIL_PATCH) {
            return Optional.of("Hail before 0.2." + MIN_HAIL_PATCH
                    + " does not run on Spark 3.5 (EMR 7): use 0.2." + MIN_HAIL_PATCH + " or newer");
        }
        return Optional.empty();
    }

    public static Optional<String> vepVersion(String value) {
        if (value.equals(AmiSpec.NO_VEP)) {
            return Optional.empty();
        }
        boolean ok = VEP_RELEASE.matcher(value).matches()
                && Integer.parseInt(value) >= MIN_VEP_RELEASE && Integer.parseInt(value) <= MAX_VEP_RELEASE;
        return ok ? Optional.empty()
                : Optional.of("expected none or an Ensembl release number from " + MIN_VEP_RELEASE + " to "
                        + MAX_VEP_RELEASE);
    }

    public static Optional<String> tagKey(String key) {
        if (key.isEmpty()) {
            return Optional.of("tag keys must not be empty");
        }
        if (key.codePointCount(0, key.length()) > MAX_TAG_KEY_LENGTH) {
            return Optional.of("tag keys are at most " + MAX_TAG_KEY_LENGTH + " characters");
        }
        if (key.regionMatches(true, 0, "aws:", 0, 4)) {
            return Optional.of("tag keys must not start with \"aws:\" (reserved by AWS)");
        }
        if (key.regionMatches(true, 0, "hailctl:", 0, 8)) {
            return Optional.of("tag keys must not start with \"hailctl:\" (reserved for hailctl's own tags)");
        }
        return tagCharacters(key);
    }

    public static Optional<String> tagValue(String value) {
        if (value.codePointCount(0, value.length()) > MAX_TAG_VALUE_LENGTH) {
            return Optional.of("tag values are at most " + MAX_TAG_VALUE_LENGTH + " characters");
        }
        return tagCharacters(value);
    }

    private static Optional<String> tagCharacters(String text) {
        return TAG_TEXT.matcher(text).matches() ? Optional.empty()
                : Optional.of("tags use only letters, digits, spaces and _ . : / = + - @");
    }
}
