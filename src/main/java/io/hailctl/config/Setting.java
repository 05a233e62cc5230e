package io.hailctl.config;

import java.util.Objects;

/**
 * A value together with where it came from, so plans and errors can say "region eu-west-1 (from AWS_REGION)".
 *
 * @param origin the flag ({@code --region}), the environment variable ({@code AWS_REGION}) or the file
 *               ({@code hailctl.yaml}) that supplied the value
 */
public record Setting(String value, Source source, String origin) {
    public enum Source { FLAG, ENVIRONMENT, FILE }

    public Setting {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(origin, "origin");
    }
}
