package io.hailctl.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Values given on the command line ({@code --region}, {@code --profile}) that win over the environment and
 * the file. Raw flag values only: {@link Precedence} decides what wins.
 */
public record Overrides(Optional<String> region, Optional<String> profile) {
    public Overrides {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(profile, "profile");
    }

    public static Overrides none() {
        return new Overrides(Optional.empty(), Optional.empty());
    }
}
