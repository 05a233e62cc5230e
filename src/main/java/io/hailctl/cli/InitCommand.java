package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.StarterConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

@Command(name = "init", description = "Write a commented starter hailctl.yaml to edit (never overwrites without --force).")
final class InitCommand extends CommandBase {
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    @Option(names = "--environment", paramLabel = "NAME", defaultValue = "dev",
            description = "Environment name: the prefix of every stack (default: ${DEFAULT-VALUE}).")
    String environment;

    InitCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        Path file = invocation().configPath();
        Optional<String> region = invocation().options().region()
                .or(() -> Optional.ofNullable(host.env("AWS_REGION")))
                .or(() -> Optional.ofNullable(host.env("AWS_DEFAULT_REGION")))
                .or(() -> Optional.of("us-east-1"));
        String text = new StarterConfig(environment, region).text();
        if (Files.exists(file) && !force) {
            throw new HailctlException(ExitCode.USAGE, file + " already exists; not overwriting it",
                    "Pass --force to replace it, or --config FILE to write elsewhere.");
        }
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, ".hailctl", ".yaml");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "cannot write " + file + ": " + e.getMessage());
        }
        if (invocation().json()) {
            host.out().println(io.hailctl.progress.Json.write(java.util.Map.of("written", file.toString())));
        } else {
            host.out().println("Wrote " + file + ". Replace the placeholders (VPC, subnet, bucket names, users), then run:");
            host.out().println("  hailctl plan        # preview, no changes");
            host.out().println("  hailctl deploy all  # deploy");
        }
        return 0;
    }
}
