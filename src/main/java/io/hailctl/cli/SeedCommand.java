package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

@Command(name = "seed", description = "Sync common-notebooks/ and scripts/ into the jupyter bucket, uploading only what changed.")
final class SeedCommand extends CommandBase {
    @Parameters(arity = "0..1", paramLabel = "DIR", description = "Folder to sync (default: the bundled jupyter/ content).")
    Path dir;

    @Option(names = "--delete", description = "Delete objects under common-notebooks/ and scripts/ that are not in the folder.")
    boolean delete;

    @Option(names = "--dry-run", description = "Show what would be uploaded or deleted; change nothing.")
    boolean dryRun;

    SeedCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("seed", 7);
    }
}
