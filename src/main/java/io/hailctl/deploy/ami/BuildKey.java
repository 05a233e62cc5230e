package io.hailctl.deploy.ami;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What makes two AMI builds the same: environment, Hail, VEP, EMR release and the Packer bundle's
 * SHA-256. An available AMI whose tags carry all five is reused instead of built again (`deploy all`
 * re-runs do not start another hour-long build); a running build whose environment carries them is
 * attached to instead of started twice.
 *
 * <p>The tag names are those packer/ applies (hail.pkr.hcl and scripts/publish-ami.sh); the bundle
 * tag is added by hailctl when the build did not (publish-ami.sh does not know the bundle's hash).
 */
public record BuildKey(String environment, String hailVersion, String vepVersion, String emrRelease,
                       String bundleSha256) {
    public static final String TAG_BUILD_ID = "hailctl:build-id";
    public static final String TAG_ENVIRONMENT = "hailctl:environment";
    public static final String TAG_HAIL = "hail-version";
    public static final String TAG_VEP = "vep-version";
    public static final String TAG_EMR = "emr-release";
    public static final String TAG_BUNDLE = "hailctl:packer-bundle";

    /** Build environment variables (names from hail-ami.yml and buildspec.yml). */
    public static final String ENV_HAIL = "HAIL_VERSION";
    public static final String ENV_VEP = "VEP_VERSION";
    public static final String ENV_EMR = "EMR_RELEASE_LABEL";
    public static final String ENV_BUNDLE = "PACKER_BUNDLE_SHA256";

    /** The tags an AMI of this build carries. */
    public Map<String, String> imageTags() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put(TAG_ENVIRONMENT, environment);
        tags.put(TAG_HAIL, hailVersion);
        tags.put(TAG_VEP, vepVersion);
        tags.put(TAG_EMR, emrRelease);
        tags.put(TAG_BUNDLE, bundleSha256);
        return tags;
    }

    /** The environment variables a build of this key is started with. */
    public Map<String, String> overrides() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(ENV_HAIL, hailVersion);
        env.put(ENV_VEP, vepVersion);
        env.put(ENV_EMR, emrRelease);
        env.put(ENV_BUNDLE, bundleSha256);
        return env;
    }

    /** Whether {@code build} builds this key (its environment carries every override). */
    public boolean builtBy(Build build) {
        return overrides().entrySet().stream()
                .allMatch(e -> e.getValue().equals(build.environment().get(e.getKey())));
    }

    /** For people: "Hail 0.2.139, VEP none, emr-7.12.0, bundle 3f9a0c1b2d4e". */
    public String describe() {
        return versions(hailVersion, vepVersion, emrRelease) + ", bundle " + shortSha(bundleSha256);
    }

    static String versions(String hail, String vep, String emr) {
        return "Hail " + hail + ", VEP " + vep + ", " + emr;
    }

    static String shortSha(String sha) {
        return sha.length() > 12 ? sha.substring(0, 12) : sha;
    }
}
