package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import java.util.List;
import java.util.Optional;

/**
 * The configured file system must exist in this region and be usable before hailctl writes a
 * policy or an access point for it (EFS ids are regional; a wrong region looks like a wrong id).
 */
public record FileSystemCheck(FileSystems efs, String region) {

    /** Pre-flight: the same refusal before anything is written (exit code 3). */
    public void requireBeforeWrites(String fileSystemId) {
        problem(fileSystemId, efs.describe(fileSystemId)).ifPresent(p -> {
            throw new HailctlException(ExitCode.REFUSED, p.get(0), p.get(1));
        });
    }

    /** The refusal and its hint, when the file system is missing or not usable. */
    private Optional<List<String>> problem(String fileSystemId, Optional<FileSystems.FileSystem> fs) {
        if (fs.isEmpty()) {
            return Optional.of(List.of("efs.fileSystemId = " + fileSystemId + ": no such EFS file system in " + region,
                    "Check the id and the region (file systems are regional), or remove the efs block from"
                            + " hailctl.yaml."));
        }
        if (!fs.get().state().equals("available") && !fs.get().state().equals("updating")) {
            return Optional.of(List.of("efs.fileSystemId = " + fileSystemId + " is " + fs.get().state() + " in "
                    + region + ", not available", "Re-run once the file system is available."));
        }
        return Optional.empty();
    }

    FileSystems.FileSystem require(String fileSystemId, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<FileSystems.FileSystem> fs = efs.describe(fileSystemId);
        Optional<List<String>> problem = problem(fileSystemId, fs);
        if (problem.isPresent()) {
            throw new StepFailedException(ExitCode.REFUSED, problem.get().get(0), problem.get().get(1));
        }
        return fs.orElseThrow();
    }
}
