package io.hailctl.local.standin.codebuild;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a successful build of packer/ leaves behind, done against the emulator: the AMI Packer
 * registers with hail.pkr.hcl's tags, then scripts/publish-ami.sh's work (the identity tags again,
 * the SSM parameters {@code <prefix>/latest} and {@code <prefix>/<hail>-vep-<vep>}), from the
 * build's environment as CodeBuild gives it to the buildspec. Done once per build: an AMI already
 * tagged with the build's id is the one published.
 */
final class AmiPublish {
    /** hail.pkr.hcl's default, and the buildspec's PACKER_VERSION. */
    private static final String PACKER_VERSION = "1.15.0";
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

    /** The AMI and the lines publish-ami.sh prints. */
    record Published(String amiId, List<String> output) {
    }

    private final AmiRecords records;
    private final String region;

    AmiPublish(AmiRecords records, String region) {
        this.records = records;
        this.region = region;
    }

    Published publish(String buildId, Map<String, String> env, Instant at) {
        String environment = env.getOrDefault("ENVIRONMENT_NAME", "");
        String hail = env.getOrDefault("HAIL_VERSION", "");
        String vep = env.getOrDefault("VEP_VERSION", "none");
        String emr = env.getOrDefault("EMR_RELEASE_LABEL", "");
        String prefix = env.getOrDefault("AMI_PARAMETER_PREFIX", "/hail/" + environment + "/ami");
        String name = "hail-" + hail + "-vep-" + vep + "-" + emr + "-" + STAMP.format(at);
        String amiId = records.imageTagged("hailctl:build-id", buildId).orElseGet(() -> {
            String id = records.register(name, "Hail " + hail + " (python3.11), VEP " + vep + ", for " + emr
                    + " - hailctl " + environment);
            // hail.pkr.hcl: ami_tags = common_tags + the build's description.
            Map<String, String> tags = new LinkedHashMap<>();
            tags.put("managed-by", "hailctl");
            tags.put("hailctl:environment", environment);
            tags.put("hailctl:build-id", buildId);
            tags.put("Name", name);
            tags.put("hail-version", hail);
            tags.put("vep-version", vep);
            tags.put("vep-assemblies", "none".equals(vep) ? "none" : env.getOrDefault("VEP_ASSEMBLIES", "GRCh38"));
            tags.put("emr-release", emr);
            tags.put("packer-version", env.getOrDefault("PACKER_VERSION", PACKER_VERSION));
            tags.put("base-os", "al2023");
            tags.put("hail-jar", "/usr/lib/hail/hail-all-spark.jar");
            tags.put("hail-python", "/usr/bin/python3.11");
            records.tag(id, tags);
            return id;
        });
        // scripts/publish-ami.sh: the identity tags, then the SSM records.
        Map<String, String> identity = new LinkedHashMap<>();
        identity.put("hailctl:build-id", buildId);
        identity.put("hailctl:environment", environment);
        identity.put("hail-version", hail);
        identity.put("vep-version", vep);
        identity.put("emr-release", emr);
        identity.put("managed-by", "hailctl");
        records.tag(amiId, identity);
        List<String> output = new java.util.ArrayList<>();
        output.add("publish-ami: " + amiId + " (" + name + ") in " + region);
        for (String parameter : List.of(prefix + "/latest", prefix + "/" + hail + "-vep-" + vep)) {
            records.putImageParameter(parameter, amiId, "hailctl " + environment + ": Hail " + hail + ", VEP " + vep + ", "
                    + emr + " (build " + buildId + ")");
            output.add("publish-ami: " + parameter + " = " + amiId);
        }
        return new Published(amiId, List.copyOf(output));
    }
}
