package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "add-user", description = "Add users: EFS access point (when EFS is configured), notebook stack, and hailctl.yaml entry. Idempotent.")
final class AddUserCommand extends CommandBase {
    @Parameters(arity = "1..*", paramLabel = "NAME", description = "User names (lowercase letters, digits, hyphens).")
    List<String> names;

    @Option(names = "--instance-type", paramLabel = "TYPE", description = "Notebook instance type (e.g. ml.t3.large).")
    String instanceType;

    @Option(names = "--volume-size", paramLabel = "GB", description = "Notebook volume size in GB.")
    Integer volumeSize;

    @Option(names = "--no-save", description = "Do not add the user to hailctl.yaml.")
    boolean noSave;

    AddUserCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("add-user", 5);
    }
}
