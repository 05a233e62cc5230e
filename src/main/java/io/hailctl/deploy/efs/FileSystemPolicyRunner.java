package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.FileSystemPolicyStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Puts the file-system policy that turns IAM authorisation on ({@link FileSystemPolicy}), after
 * checking that the file system exists in the region. Writes only when the policy differs, and asks
 * before adding to a policy hailctl did not write.
 */
public final class FileSystemPolicyRunner implements StepRunner<FileSystemPolicyStep> {
    private final FileSystems efs;
    private final FileSystemCheck check;

    public FileSystemPolicyRunner(FileSystems efs, String region) {
        this.efs = efs;
        this.check = new FileSystemCheck(efs, region);
    }

    @Override
    public Class<FileSystemPolicyStep> stepType() {
        return FileSystemPolicyStep.class;
    }

    @Override
    public StepOutcome apply(FileSystemPolicyStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        FileSystems.FileSystem fs = check.require(step.fileSystemId(), ctx);
        FileSystemPolicy.Decision decision = decide(fs, ctx);
        decision.warnings().forEach(w -> ctx.note(fs.id() + " policy: " + w));
        Map<String, String> outputs = Map.of(FileSystemPolicyStep.FILE_SYSTEM_ARN, fs.arn());
        switch (decision.action()) {
            case KEEP -> {
                return StepOutcome.of(Change.UNCHANGED, outputs);
            }
            case MERGE -> {
                String question = "EFS " + fs.id() + " already has a file-system policy that hailctl did not write ("
                        + decision.foreign() + " statement" + (decision.foreign() == 1 ? "" : "s") + "). Add hailctl's "
                        + "statements (deny clients without TLS, writes only through access points) and keep the others?";
                if (!ctx.confirmer().confirm(question)) {
                    throw new StepFailedException(ExitCode.REFUSED, "efs.fileSystemId = " + fs.id()
                            + " already has a file-system policy that hailctl did not write; left as it is",
                            "Re-run with --yes to add hailctl's statements to it (its own statements are kept), "
                                    + "or add them yourself (docs/efs.md).");
                }
            }
            default -> {
                // CREATE or UPDATE: put below.
            }
        }
        ctx.activity(fs.id(), "PutFileSystemPolicy", Optional.empty());
        efs.putPolicy(fs.id(), decision.policy().orElseThrow());
        Change change = decision.action() == FileSystemPolicy.Action.CREATE ? Change.CREATED : Change.UPDATED;
        return new StepOutcome(change, outputs, describe(decision));
    }

    @Override
    public StepOutcome read(FileSystemPolicyStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        FileSystems.FileSystem fs = check.require(step.fileSystemId(), ctx);
        ctx.budget().acquire();
        Optional<String> policy = efs.policy(fs.id());
        if (policy.isEmpty() || !FileSystemPolicy.hasHailctlStatements(fs.id(), policy.get())) {
            ctx.note(fs.id() + " does not have hailctl's file-system policy yet, so anonymous NFS clients may still "
                    + "mount it; `hailctl deploy all` or `hailctl add-user` puts it");
        }
        return StepOutcome.of(Change.READ, Map.of(FileSystemPolicyStep.FILE_SYSTEM_ARN, fs.arn()));
    }

    @Override
    public StepOutcome preview(FileSystemPolicyStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        FileSystems.FileSystem fs = check.require(step.fileSystemId(), ctx);
        FileSystemPolicy.Decision decision = decide(fs, ctx);
        Map<String, String> outputs = Map.of(FileSystemPolicyStep.FILE_SYSTEM_ARN, fs.arn());
        List<String> details = new ArrayList<>(describe(decision));
        decision.warnings().forEach(w -> details.add("warning: " + w));
        Change change = switch (decision.action()) {
            case KEEP -> Change.UNCHANGED;
            case CREATE -> Change.WOULD_CREATE;
            case UPDATE, MERGE -> Change.WOULD_UPDATE;
        };
        if (decision.action() == FileSystemPolicy.Action.MERGE) {
            details.add("asks first: the policy there was not written by hailctl (its statements are kept)");
        }
        return new StepOutcome(change, outputs, details);
    }

    private FileSystemPolicy.Decision decide(FileSystems.FileSystem fs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        return FileSystemPolicy.decide(fs.id(), efs.policy(fs.id()), fs.arn());
    }

    private static List<String> describe(FileSystemPolicy.Decision d) {
        List<String> out = new ArrayList<>();
        switch (d.action()) {
            case CREATE -> out.add("policy: deny clients without TLS, writes only through access points; "
                    + "anonymous NFS access ends (IAM authorisation)");
            case UPDATE -> out.add("policy: hailctl's statements refreshed" + (d.foreign() > 0
                    ? ", " + d.foreign() + " other statement" + (d.foreign() == 1 ? "" : "s") + " kept" : ""));
            case MERGE -> out.add("policy: hailctl's statements added, " + d.foreign() + " existing statement"
                    + (d.foreign() == 1 ? "" : "s") + " kept");
            case KEEP -> {
            }
        }
        return out;
    }
}
