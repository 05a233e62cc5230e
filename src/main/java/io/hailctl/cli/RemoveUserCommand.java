package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "remove-user", description = "Remove users' notebook stacks and EFS access points (asks first). Their S3 prefix and EFS files are kept unless --delete-data.")
final class RemoveUserCommand extends CommandBase {
    @Parameters(arity = "1..*", paramLabel = "NAME")
    List<String> names;

    @Option(names = "--delete-data", description = "Also delete the user's S3 prefix in the jupyter bucket and their EFS directory.")
    boolean deleteData;

    @Option(names = "--no-save", description = "Do not remove the user from hailctl.yaml.")
    boolean noSave;

    RemoveUserCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("remove-user", 5);
    }
}
