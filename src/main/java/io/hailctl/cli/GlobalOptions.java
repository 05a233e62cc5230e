package io.hailctl.cli;

import io.hailctl.progress.OutputFormat;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Options accepted by every command, before or after the subcommand name (picocli's inherited
 * scope). Values from the environment (AWS_PROFILE, AWS_ENDPOINT_URL, NO_COLOR, ...) are layered in
 * {@link Invocation}, not here, so that precedence lives in one place.
 */
public final class GlobalOptions {
    @Option(names = "--config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Environment file (default: $HAILCTL_CONFIG or ./hailctl.yaml).")
    Path config;

    @Option(names = "--profile", paramLabel = "NAME", scope = ScopeType.INHERIT,
            description = "AWS profile (overrides AWS_PROFILE and the file's `profile`).")
    String profile;

    @Option(names = "--region", paramLabel = "REGION", scope = ScopeType.INHERIT,
            description = "AWS region (overrides AWS_REGION and the file's `region`).")
    String region;

    @Option(names = "--endpoint-url", paramLabel = "URL", scope = ScopeType.INHERIT,
            description = "Send every AWS call to this endpoint (also AWS_ENDPOINT_URL).")
    String endpointUrl;

    @Option(names = "--local", scope = ScopeType.INHERIT,
            description = "Use the local AWS emulator (started if needed; see `hailctl local`).")
    boolean local;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", scope = ScopeType.INHERIT,
            description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
    OutputFormat output;

    @Option(names = "--no-color", scope = ScopeType.INHERIT,
            description = "No colours (also NO_COLOR).")
    boolean noColor;

    @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT,
            description = "More detail, and stack traces on errors.")
    boolean verbose;

    @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT,
            description = "Only errors and the final result.")
    boolean quiet;

    @Option(names = {"-y", "--yes"}, scope = ScopeType.INHERIT,
            description = "Answer yes to every confirmation (for CI).")
    boolean yes;

    public Optional<Path> config() {
        return Optional.ofNullable(config);
    }

    public Optional<String> profile() {
        return Optional.ofNullable(profile);
    }

    public Optional<String> region() {
        return Optional.ofNullable(region);
    }

    public Optional<String> endpointUrl() {
        return Optional.ofNullable(endpointUrl);
    }

    public boolean local() {
        return local;
    }

    public Optional<OutputFormat> output() {
        return Optional.ofNullable(output);
    }

    public boolean noColor() {
        return noColor;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean quiet() {
        return quiet;
    }

    public boolean yes() {
        return yes;
    }
}
