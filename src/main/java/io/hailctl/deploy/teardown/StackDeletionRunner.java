package io.hailctl.deploy.teardown;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.StackWatcher;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.plan.Deletion;
import io.hailctl.plan.StackDeletion;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Deletes a stack and waits until it is gone; a stack already gone is fine (re-running destroy is safe). */
public final class StackDeletionRunner implements StepRunner<StackDeletion> {
    private static final Map<String, String> DONE = Map.of(Deletion.DELETED, "true");
    /** Deleting an EMR cluster or a notebook takes minutes; this is generous on purpose. */
    private static final Duration TIMEOUT = Duration.ofMinutes(45);

    private final Stacks stacks;
    private final StackWatcher watcher;

    public StackDeletionRunner(Stacks stacks) {
        this.stacks = stacks;
        this.watcher = new StackWatcher(stacks);
    }

    @Override
    public Class<StackDeletion> stepType() {
        return StackDeletion.class;
    }

    @Override
    public StepOutcome apply(StackDeletion step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<StackState> found = stacks.describe(step.stackName());
        if (found.isEmpty()) {
            return new StepOutcome(Change.UNCHANGED, DONE, List.of("already gone"));
        }
        StackState stack = found.get();
        Optional<String> last = watcher.lastEventId(stack.id(), ctx);
        if (stack.category() == StackStatus.Category.IN_PROGRESS) {
            ctx.note(step.stackName() + " is " + stack.status() + ": waiting before deleting it");
            watcher.await(stack.id(), step.stackName(), last, TIMEOUT, ctx);
            last = watcher.lastEventId(stack.id(), ctx);
        }
        stacks.delete(stack.id(), "hailctl-" + UUID.randomUUID());
        ctx.activity(step.stackName(), "DELETE_IN_PROGRESS", Optional.empty());
        StackWatcher.Result result = watcher.await(stack.id(), step.stackName(), last, TIMEOUT, ctx);
        if (result.state().isPresent() && !result.state().get().status().equals("DELETE_COMPLETE")) {
            throw new StepFailedException("stack " + step.stackName() + " " + result.state().get().status() + ": "
                    + result.rootCause().orElse("no reason given"),
                    "Fix what blocks the deletion (see the cause), then run hailctl destroy again.");
        }
        return StepOutcome.of(Change.DELETED, DONE);
    }

    @Override
    public StepOutcome read(StackDeletion step, Inputs inputs, StepContext ctx) {
        return StepOutcome.of(Change.READ, DONE);
    }

    @Override
    public StepOutcome preview(StackDeletion step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        boolean exists = stacks.describe(step.stackName()).isPresent();
        return new StepOutcome(exists ? Change.WOULD_DELETE : Change.UNCHANGED, DONE,
                exists ? List.of() : List.of("already gone"));
    }
}
