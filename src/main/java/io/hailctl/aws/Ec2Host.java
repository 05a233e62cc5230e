package io.hailctl.aws;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Whether the instance metadata service (IMDS) is worth asking for credentials. Off EC2, the SDK's
 * IMDS probe costs about 2 s (credentials) or 7 s (region) before failing; the firmware files read
 * here answer in microseconds. On ECS/EKS the container provider comes first and needs no IMDS.
 */
final class Ec2Host {
    private final Map<String, String> env;
    private final Path sysRoot;

    Ec2Host(Map<String, String> env, Path sysRoot) {
        this.env = env;
        this.sysRoot = sysRoot;
    }

    static Ec2Host of(Map<String, String> env) {
        return new Ec2Host(env, Path.of("/sys"));
    }

    boolean metadataServiceLikely() {
        if ("true".equalsIgnoreCase(env.getOrDefault("AWS_EC2_METADATA_DISABLED", ""))) {
            return false;
        }
        if (env.containsKey("AWS_EC2_METADATA_SERVICE_ENDPOINT")) {
            return true;
        }
        return startsWith("devices/virtual/dmi/id/board_asset_tag", "i-")
                || startsWith("hypervisor/uuid", "ec2")
                || contains("devices/virtual/dmi/id/sys_vendor", "Amazon EC2")
                || contains("devices/virtual/dmi/id/bios_vendor", "Amazon EC2");
    }

    private boolean startsWith(String file, String prefix) {
        return read(file).toLowerCase().startsWith(prefix.toLowerCase());
    }

    private boolean contains(String file, String text) {
        return read(file).contains(text);
    }

    private String read(String file) {
        try {
            return Files.readString(sysRoot.resolve(file)).trim();
        } catch (IOException | SecurityException e) {
            return "";
        }
    }
}
