package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "status", description = "One screen: stacks, notebooks, clusters, the last AMI build, the AMI in use, seeded content.")
final class StatusCommand extends CommandBase {
    @Option(names = "--watch", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "5",
            description = "Refresh every SECONDS (default 5) until Ctrl-C.")
    Integer watch;

    StatusCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("status", 7);
    }
}
