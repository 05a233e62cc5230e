package io.hailctl.config;

import java.util.Objects;

/** An existing EFS file system: per-user access points for notebooks, mounted read-only at /efs on EMR. */
public record EfsSpec(String fileSystemId) {
    public EfsSpec {
        Objects.requireNonNull(fileSystemId, "fileSystemId");
    }
}
