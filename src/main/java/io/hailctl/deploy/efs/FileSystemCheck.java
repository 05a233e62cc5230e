package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;

/**
 * The configured file system must exist in this region and be usable before hailctl writes a
 * policy or an access point for it (EFS ids are regional; a wrong region looks like a wrong id).
 */
record FileSystemCheck(FileSystems efs, String region) {

    FileSystems.FileSystem require(String fileSystemId, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        FileSystems.FileSystem fs = efs.describe(fileSystemId).orElseThrow(() -> new StepFailedException(
                ExitCode.REFUSED, "efs.fileSystemId = " + fileSystemId + ": no such EFS file system in " + region,
                "Check the id and the region (file systems are regional), or remove the efs block from hailctl.yaml."));
        if (!fs.state().equals("available") && !fs.state().equals("updating")) {
            throw new StepFailedException(ExitCode.REFUSED, "efs.fileSystemId = " + fileSystemId + " is "
                    + fs.state() + " in " + region + ", not available", "Re-run once the file system is available.");
        }
        return fs;
    }
}
