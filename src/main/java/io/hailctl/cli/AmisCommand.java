package io.hailctl.cli;

import picocli.CommandLine.Command;

@Command(name = "amis", description = "The public AMI catalogue (legacy EMR 5.x), AMIs built by this environment, and which one `deploy` would use.")
final class AmisCommand extends CommandBase {
    AmisCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("amis", 6);
    }
}
