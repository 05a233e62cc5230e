package io.hailctl.deploy.stack;

import io.hailctl.ExitCode;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Waits for a stack operation by following its events (only the new ones each poll), reporting
 * each resource change, and reading the stack once the stack's own terminal event appears. Polls
 * share the run's {@link io.hailctl.deploy.CallBudget}; time is the context's clock and sleeper.
 */
public final class StackWatcher {
    /** Even without a terminal event, re-read the stack this often (events can lag DescribeStacks). */
    private static final Duration RECHECK = Duration.ofSeconds(30);

    /** Ends that leave nothing to explain: an operation that ends so needs no event read. */
    private static final java.util.Set<String> SUCCESS = java.util.Set.of("CREATE_COMPLETE", "UPDATE_COMPLETE",
            "DELETE_COMPLETE", "IMPORT_COMPLETE");

    private final Stacks stacks;

    public StackWatcher(Stacks stacks) {
        this.stacks = stacks;
    }

    /** The newest event id before an operation starts, so the watch reports only this operation. */
    public Optional<String> lastEventId(String stackId, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        List<StackEvent> events = stacks.eventsSince(stackId, Optional.empty());
        return events.isEmpty() ? Optional.empty() : Optional.of(events.get(0).id());
    }

    /**
     * Waits until the stack leaves *_IN_PROGRESS. Returns the final state (empty when a delete
     * removed it) and the operation's events, oldest first.
     */
    public Result await(String stackId, String stackName, Optional<String> since, Duration timeout, StepContext ctx)
            throws InterruptedException {
        Instant deadline = ctx.clock().instant().plus(timeout);
        // The first poll reads the stack first: an attach may start after the terminal event, and a stack
        // that has already done what was asked needs no event read (the emulator settles stacks at once).
        ctx.cancellation().check();
        ctx.budget().acquire();
        Optional<StackState> first = stacks.describe(stackId);
        Instant lastRead = ctx.clock().instant();
        if (first.isEmpty() || SUCCESS.contains(first.get().status())) {
            // Its resources' events would only be history by now: the stack's own status says it all.
            ctx.activity(stackName, first.map(StackState::status).orElse("DELETE_COMPLETE"), Optional.empty());
            return new Result(first, List.of());
        }
        boolean settledAtFirst = first.get().category() != StackStatus.Category.IN_PROGRESS;
        PollSchedule schedule = new PollSchedule();
        Optional<String> seen = since;
        List<StackEvent> all = new ArrayList<>();
        while (true) {
            ctx.cancellation().check();
            ctx.budget().acquire();
            List<StackEvent> fresh = stacks.eventsSince(stackId, seen);
            boolean terminalEvent = false;
            for (int i = fresh.size() - 1; i >= 0; i--) {
                StackEvent e = fresh.get(i);
                all.add(e);
                ctx.activity(e.logicalId(), e.status(), e.reason());
                if (e.isStackItself() && e.logicalId().equals(stackName)
                        && StackStatus.category(e.status()) != StackStatus.Category.IN_PROGRESS) {
                    terminalEvent = true;
                }
            }
            if (!fresh.isEmpty()) {
                seen = Optional.of(fresh.get(0).id());
            }
            if (settledAtFirst) {
                // Failed before the first poll: the events were read for the root cause only.
                return new Result(first, all);
            }
            Instant now = ctx.clock().instant();
            if (terminalEvent || !now.isBefore(lastRead.plus(RECHECK))) {
                ctx.budget().acquire();
                Optional<StackState> state = stacks.describe(stackId);
                lastRead = ctx.clock().instant();
                if (state.isEmpty() || state.get().category() != StackStatus.Category.IN_PROGRESS) {
                    return new Result(state, all);
                }
            }
            if (!now.isBefore(deadline)) {
                throw new StepFailedException(ExitCode.FAILED,
                        "stack " + stackName + " is still in progress after " + timeout.toMinutes() + " min",
                        "It keeps going in AWS; run the same hailctl command again to attach and continue.");
            }
            ctx.pause(schedule.after(!fresh.isEmpty()));
        }
    }

    /** What a watch saw. */
    public record Result(Optional<StackState> state, List<StackEvent> events) {

        /**
         * The first failure that explains the others (CDK's rule): the earliest failed resource
         * event whose reason is not a cancellation caused by another failure.
         */
        public Optional<String> rootCause() {
            for (StackEvent e : events) {
                if (e.isFailure() && !self(e) && e.reason().isPresent()
                        && !e.reason().get().contains("cancelled")) {
                    return Optional.of(e.logicalId() + " (" + e.resourceType() + ") " + e.status() + ": "
                            + e.reason().get());
                }
            }
            for (StackEvent e : events) {
                if (e.isFailure() && e.reason().isPresent()) {
                    return Optional.of(e.logicalId() + " " + e.status() + ": " + e.reason().get());
                }
            }
            return state.flatMap(StackState::statusReason);
        }

        /**
         * The stack's own event; a nested stack is a resource of the same type, told apart by its
         * logical id (the stack's own events carry the stack's name).
         */
        private boolean self(StackEvent e) {
            return e.isStackItself() && state.map(s -> s.name().equals(e.logicalId())).orElse(true);
        }
    }
}
