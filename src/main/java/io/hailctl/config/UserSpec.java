package io.hailctl.config;

import java.util.Objects;

/** One notebook user, with the {@code notebooks} block's and {@code emr.ssm}'s defaults already applied. */
public record UserSpec(String name, String instanceType, int volumeSizeGb, boolean ssm) {
    public UserSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(instanceType, "instanceType");
    }
}
