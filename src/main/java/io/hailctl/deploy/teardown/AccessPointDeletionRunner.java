package io.hailctl.deploy.teardown;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.efs.FileSystems;
import io.hailctl.plan.AccessPointDeletion;
import io.hailctl.plan.Deletion;

import java.util.List;
import java.util.Map;

/** Deletes an access point found by `destroy`; one already gone is fine. */
public final class AccessPointDeletionRunner implements StepRunner<AccessPointDeletion> {
    private static final Map<String, String> DONE = Map.of(Deletion.DELETED, "true");

    private final FileSystems efs;

    public AccessPointDeletionRunner(FileSystems efs) {
        this.efs = efs;
    }

    @Override
    public Class<AccessPointDeletion> stepType() {
        return AccessPointDeletion.class;
    }

    @Override
    public StepOutcome apply(AccessPointDeletion step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        boolean deleted = efs.delete(step.accessPointId());
        return new StepOutcome(deleted ? Change.DELETED : Change.UNCHANGED, DONE,
                deleted ? List.of("the files under its directory stay on " + step.fileSystemId()) : List.of("already gone"));
    }

    @Override
    public StepOutcome read(AccessPointDeletion step, Inputs inputs, StepContext ctx) {
        return StepOutcome.of(Change.READ, DONE);
    }

    @Override
    public StepOutcome preview(AccessPointDeletion step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        boolean exists = efs.accessPoint(step.accessPointId()).isPresent();
        return new StepOutcome(exists ? Change.WOULD_DELETE : Change.UNCHANGED, DONE, exists ? List.of() : List.of("already gone"));
    }
}
