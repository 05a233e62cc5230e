package io.hailctl.testing;

import java.util.List;
import java.util.Optional;

/**
 * The `demo` environment's hailctl.yaml as the emulator tests write it: moto's default network, the three
 * demo buckets, the smallest cluster; users, an EFS file system and other keys as a test needs them.
 */
public record DemoYaml(String subnetId, Optional<String> fileSystemId, List<String> users, String extra) {
    public DemoYaml {
        users = List.copyOf(users);
    }

    public static DemoYaml demo() {
        return new DemoYaml("default", Optional.empty(), List.of(), "");
    }

    public DemoYaml users(String... names) {
        return new DemoYaml(subnetId, fileSystemId, List.of(names), extra);
    }

    public DemoYaml subnet(String id) {
        return new DemoYaml(id, fileSystemId, users, extra);
    }

    public DemoYaml efs(String fsId) {
        return new DemoYaml(subnetId, Optional.of(fsId), users, extra);
    }

    /** Top-level YAML appended as written (each line ending in a newline). */
    public DemoYaml with(String yaml) {
        return new DemoYaml(subnetId, fileSystemId, users, extra + yaml);
    }

    public String yaml() {
        StringBuilder y = new StringBuilder("""
                environment: demo
                network:
                  vpcId: default
                """).append("  subnetId: ").append(subnetId).append('\n').append("""
                buckets:
                  hail: demo-hail-bucket
                  logs: demo-log-bucket
                  jupyter: demo-jupyter-bucket
                """);
        fileSystemId.ifPresent(fs -> y.append("efs:\n  fileSystemId: ").append(fs).append('\n'));
        if (!users.isEmpty()) {
            y.append("users:\n");
            users.forEach(u -> y.append("  - name: ").append(u).append('\n'));
        }
        return y.append("""
                emr:
                  coreType: m5.xlarge
                  coreCount: 1
                """).append(extra).toString();
    }
}
