package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "destroy", description = "Tear the environment down in reverse order (asks first). Buckets holding data are kept unless --delete-data.")
final class DestroyCommand extends CommandBase {
    @Option(names = "--delete-data", description = "Also empty and delete the buckets (notebook backups, logs, VEP data).")
    boolean deleteData;

    DestroyCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("destroy", 4);
    }
}
