package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "init", description = "Write a commented starter hailctl.yaml to edit (never overwrites without --force).")
final class InitCommand extends CommandBase {
    @Option(names = "--force", description = "Overwrite an existing file.")
    boolean force;

    InitCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("init", 2);
    }
}
