package io.hailctl.deploy.stack;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Deletes one stack, whatever state it is found in, and waits until it is gone: absent → nothing
 * to do; an operation in progress → wait for it first; DELETE_FAILED → try again (CloudFormation
 * retries what is left). Generic on purpose: {@code remove-user} uses it for notebook stacks, and
 * {@code destroy} can use it for every stack in reverse order.
 */
public final class StackDeleter {
    private final Stacks stacks;
    private final StackWatcher watcher;
    private final Supplier<String> tokens;

    public StackDeleter(Stacks stacks) {
        this(stacks, () -> "hailctl-" + UUID.randomUUID());
    }

    public StackDeleter(Stacks stacks, Supplier<String> tokens) {
        this.stacks = stacks;
        this.watcher = new StackWatcher(stacks);
        this.tokens = tokens;
    }

    /** {@link Change#DELETED}, or {@link Change#UNCHANGED} when there was no such stack. */
    public Change delete(String stackName, Duration timeout, StepContext ctx) throws InterruptedException {
        // Each pass reads the stack; waiting for someone else's operation loops back.
        for (int pass = 0; pass < 3; pass++) {
            ctx.budget().acquire();
            Optional<StackState> found = stacks.describe(stackName);
            if (found.isEmpty() || found.get().category() == StackStatus.Category.DELETED) {
                return Change.UNCHANGED;
            }
            StackState stack = found.get();
            if (stack.category() == StackStatus.Category.IN_PROGRESS && !stack.status().equals("DELETE_IN_PROGRESS")) {
                ctx.note(stackName + " is " + stack.status() + ": waiting for it before deleting");
                watcher.await(stack.id(), stackName, watcher.lastEventId(stack.id(), ctx), timeout, ctx);
                continue;
            }
            Optional<String> since = watcher.lastEventId(stack.id(), ctx);
            if (!stack.status().equals("DELETE_IN_PROGRESS")) {
                stacks.delete(stack.id(), tokens.get());
                ctx.activity(stackName, "DELETE_IN_PROGRESS", Optional.empty());
            }
            StackWatcher.Result result = watcher.await(stack.id(), stackName, since, timeout, ctx);
            Optional<StackState> after = result.state();
            if (after.isEmpty() || after.get().status().equals("DELETE_COMPLETE")) {
                return Change.DELETED;
            }
            throw new StepFailedException("stack " + stackName + " " + after.get().status() + ": "
                    + result.rootCause().orElse("no reason given"),
                    "Fix the cause (the resource named above) and re-run; CloudFormation retries what is left.");
        }
        throw new StepFailedException("stack " + stackName + " kept changing while hailctl waited to delete it",
                "Re-run once nothing else is deploying it.");
    }
}
