package io.hailctl.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * Hidden: exercised by the launcher to record which classes a typical run loads, for the JVM's
 * class-data-sharing archive. Touches the same code paths as real commands, against a canned
 * stand-in for AWS on 127.0.0.1 (see {@link Training}); nothing reaches AWS.
 */
@Command(name = "__train", hidden = true)
final class TrainCommand extends CommandBase {
    TrainCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        PrintWriter sink = new PrintWriter(new StringWriter());
        CommandLine root = spec.root().commandLine();
        root.usage(sink);
        for (CommandLine sub : root.getSubcommands().values()) {
            sub.usage(sink);
        }
        new Version().getVersion();
        Training.exercise(host, sink);
        return 0;
    }
}
