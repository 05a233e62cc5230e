package io.hailctl.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Who wins when a setting is given in several places, as the AWS CLI does it: flag, then environment
 * variable, then {@code hailctl.yaml}. The process environment is injected so the order is testable;
 * {@link #fromProcessEnvironment()} is the one place that reads the real one. The AWS profile's own
 * region (from ~/.aws/config) is the AWS layer's fallback when every source here is empty.
 */
public final class Precedence {
    public static final String CONFIG_VARIABLE = "HAILCTL_CONFIG";
    public static final Path DEFAULT_CONFIG_FILE = Path.of("hailctl.yaml");

    private final Map<String, String> environment;

    public Precedence(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    public static Precedence fromProcessEnvironment() {
        return new Precedence(System.getenv());
    }

    /** {@code --config} &gt; {@code HAILCTL_CONFIG} &gt; {@code ./hailctl.yaml}. */
    public Path configFile(Optional<Path> flag) {
        return flag.or(() -> variable(CONFIG_VARIABLE).map(Path::of)).orElse(DEFAULT_CONFIG_FILE);
    }

    /** {@code --region} &gt; {@code AWS_REGION} &gt; {@code AWS_DEFAULT_REGION} &gt; the file's {@code region}. */
    public Optional<Setting> region(Optional<String> flag, Optional<String> fileValue, String fileName) {
        return first(flag, "--region", fileValue, fileName, "AWS_REGION", "AWS_DEFAULT_REGION");
    }

    /** {@code --profile} &gt; {@code AWS_PROFILE} &gt; the file's {@code profile}. */
    public Optional<Setting> profile(Optional<String> flag, Optional<String> fileValue, String fileName) {
        return first(flag, "--profile", fileValue, fileName, "AWS_PROFILE");
    }

    private Optional<Setting> first(Optional<String> flag, String flagName, Optional<String> fileValue,
                                    String fileName, String... variables) {
        Objects.requireNonNull(fileName, "fileName");
        if (flag.isPresent()) {
            return Optional.of(new Setting(flag.get(), Setting.Source.FLAG, flagName));
        }
        for (String name : variables) {
            Optional<String> value = variable(name);
            if (value.isPresent()) {
                return Optional.of(new Setting(value.get(), Setting.Source.ENVIRONMENT, name));
            }
        }
        return fileValue.map(v -> new Setting(v, Setting.Source.FILE, fileName));
    }

    /** Set but empty counts as unset, as in the AWS CLI ({@code AWS_REGION= hailctl ...}). */
    private Optional<String> variable(String name) {
        return Optional.ofNullable(environment.get(name)).filter(v -> !v.isBlank());
    }
}
