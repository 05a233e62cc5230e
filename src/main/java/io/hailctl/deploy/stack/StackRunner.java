package io.hailctl.deploy.stack;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.StackStep;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Brings one stack to the wanted state, whatever state it is found in:
 * absent → create; settled and unchanged (fingerprint tag) → nothing; settled and changed → update;
 * in progress → attach, wait, then decide; failed create → delete and create again (asks first);
 * update rollback failed → refuse with the exact recovery command.
 */
public final class StackRunner implements StepRunner<StackStep> {
    private final Stacks stacks;
    private final Templates templates;
    private final StackWatcher watcher;
    private final Supplier<String> tokens;
    private final Waiting waiting;

    /** What {@code apply} waits for after it creates a stack. */
    public enum Waiting {
        /** The stack settles: created (outputs read) or failed (root cause named). */
        SETTLED,
        /**
         * CloudFormation accepted the create (`cluster start --no-wait`): the step ends {@code STARTED}, without
         * outputs. Only creates: a stack found in another state is handled as with {@link #SETTLED}.
         */
        ACCEPTED
    }

    public StackRunner(Stacks stacks, Templates templates) {
        this(stacks, templates, Waiting.SETTLED);
    }

    public StackRunner(Stacks stacks, Templates templates, Waiting waiting) {
        this(stacks, templates, () -> "hailctl-" + UUID.randomUUID(), waiting);
    }

    public StackRunner(Stacks stacks, Templates templates, Supplier<String> tokens) {
        this(stacks, templates, tokens, Waiting.SETTLED);
    }

    public StackRunner(Stacks stacks, Templates templates, Supplier<String> tokens, Waiting waiting) {
        this.stacks = stacks;
        this.templates = templates;
        this.watcher = new StackWatcher(stacks);
        this.tokens = tokens;
        this.waiting = waiting;
    }

    @Override
    public Class<StackStep> stepType() {
        return StackStep.class;
    }

    @Override
    public StepOutcome apply(StackStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        String body = templates.body(step.template());
        Map<String, String> params = inputs.values();
        String fingerprint = Fingerprint.of(body, params, step.tags());
        Map<String, String> tags = new LinkedHashMap<>(step.tags());
        tags.put(Fingerprint.TAG, fingerprint);
        boolean recreated = false;
        // Each pass reads the stack and acts on its state; attaching or recreating loops back.
        for (int pass = 0; pass < 4; pass++) {
            ctx.budget().acquire();
            Optional<StackState> found = stacks.describe(step.stackName());
            if (found.isEmpty() && waiting == Waiting.ACCEPTED) {
                stacks.create(new StackRequest(step.stackName(), body, params, tags, tokens.get()));
                ctx.activity(step.stackName(), "CREATE_IN_PROGRESS", Optional.empty());
                return new StepOutcome(Change.STARTED, Map.of(), List.of("create accepted; not waiting for it"));
            }
            if (found.isEmpty()) {
                StackState created = run(step, StackStatus.Operation.CREATE, ctx,
                        () -> stacks.create(new StackRequest(step.stackName(), body, params, tags, tokens.get())), Optional.empty());
                return outcome(step, recreated ? Change.REPLACED : Change.CREATED, created);
            }
            StackState stack = found.get();
            switch (stack.category()) {
                case SETTLED -> {
                    if (fingerprint.equals(stack.tags().get(Fingerprint.TAG))) {
                        return outcome(step, Change.UNCHANGED, stack);
                    }
                    Optional<String> lastEvent = watcher.lastEventId(stack.id(), ctx);
                    StackRequest request = new StackRequest(step.stackName(), body, params, tags, tokens.get());
                    Optional<String> updating = stacks.update(request);
                    if (updating.isEmpty()) {
                        return outcome(step, Change.UNCHANGED, stack);
                    }
                    ctx.activity(step.stackName(), "UPDATE_IN_PROGRESS", Optional.empty());
                    StackState updated = finish(step, StackStatus.Operation.UPDATE, stack.id(), lastEvent, ctx);
                    return outcome(step, Change.UPDATED, updated);
                }
                case IN_PROGRESS -> {
                    ctx.note(step.stackName() + " is " + stack.status() + " (started elsewhere or earlier): waiting for it");
                    Optional<String> lastEvent = watcher.lastEventId(stack.id(), ctx);
                    finish(step, StackStatus.Operation.ATTACH, stack.id(), lastEvent, ctx);
                }
                case REVIEW -> {
                    // Created by a change set that never ran: it holds no resources, so deleting loses nothing.
                    delete(step, stack, ctx);
                    recreated = true;
                }
                case FAILED_CREATE -> {
                    String cause = previousFailure(stack, ctx);
                    String question = "Stack " + step.stackName() + " is " + stack.status() + " after a failed create"
                            + cause + ". Delete it and create it again?";
                    if (!ctx.confirmer().confirm(question)) {
                        throw new StepFailedException(ExitCode.REFUSED,
                                "stack " + step.stackName() + " is " + stack.status() + " after a failed create" + cause,
                                "Re-run with --yes to delete and re-create it, or delete it yourself: "
                                        + "aws cloudformation delete-stack --stack-name " + step.stackName());
                    }
                    delete(step, stack, ctx);
                    recreated = true;
                }
                case STUCK -> throw new StepFailedException(ExitCode.REFUSED,
                        "stack " + step.stackName() + " is " + stack.status()
                                + stack.statusReason().map(r -> " (" + r + ")").orElse(""),
                        "Recover it first: aws cloudformation continue-update-rollback --stack-name " + step.stackName()
                                + " (add --resources-to-skip for resources that cannot roll back), then re-run hailctl.");
                case DELETE_FAILED -> throw new StepFailedException(ExitCode.REFUSED,
                        "stack " + step.stackName() + " is DELETE_FAILED"
                                + stack.statusReason().map(r -> " (" + r + ")").orElse(""),
                        "Finish deleting it (hailctl destroy, or the CloudFormation console), then re-run.");
                case DELETED -> {
                    // DescribeStacks by name does not return deleted stacks; by id it may. Treat as absent.
                    StackState created = run(step, StackStatus.Operation.CREATE, ctx,
                            () -> stacks.create(new StackRequest(step.stackName(), body, params, tags, tokens.get())), Optional.empty());
                    return outcome(step, Change.CREATED, created);
                }
                default -> throw new IllegalStateException("unhandled category " + stack.category());
            }
        }
        throw new StepFailedException("stack " + step.stackName() + " did not settle after repeated attempts", null);
    }

    @Override
    public StepOutcome read(StackStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<StackState> found = stacks.describe(step.stackName());
        if (found.isEmpty()) {
            throw new StepFailedException(ExitCode.REFUSED,
                    "stack " + step.stackName() + " (" + step.title() + ") is not deployed yet",
                    "Deploy it first (hailctl deploy all, or hailctl deploy " + step.component().tag() + ").");
        }
        StackState stack = found.get();
        if (stack.category() == StackStatus.Category.IN_PROGRESS) {
            ctx.note(step.stackName() + " is " + stack.status() + ": waiting for it");
            stack = finish(step, StackStatus.Operation.ATTACH, stack.id(), watcher.lastEventId(stack.id(), ctx), ctx);
        }
        if (stack.category() != StackStatus.Category.SETTLED) {
            throw new StepFailedException(ExitCode.REFUSED,
                    "stack " + step.stackName() + " is " + stack.status() + ", so its outputs cannot be used",
                    "Repair it first: hailctl deploy " + step.component().tag());
        }
        return outcome(step, Change.READ, stack);
    }

    @Override
    public StepOutcome preview(StackStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<StackState> found = stacks.describe(step.stackName());
        List<String> details = new ArrayList<>();
        if (found.isEmpty()) {
            details.add("new stack " + step.stackName() + " from " + step.template());
            inputs.declared().keySet().forEach(k -> details.add("  " + k + " = " + inputs.describe(k)));
            return new StepOutcome(Change.WOULD_CREATE, Map.of(), details);
        }
        StackState stack = found.get();
        Map<String, String> outputs = stack.outputs();
        switch (stack.category()) {
            case FAILED_CREATE, REVIEW -> {
                details.add(stack.status() + ": would be deleted and created again");
                return new StepOutcome(Change.WOULD_REPLACE, Map.of(), details);
            }
            case STUCK, DELETE_FAILED -> {
                details.add(stack.status() + ": needs repair before hailctl can change it");
                return new StepOutcome(Change.UNCHANGED, outputs, details);
            }
            case IN_PROGRESS -> {
                details.add(stack.status() + ": deploy would wait for it, then compare");
                return new StepOutcome(Change.WOULD_UPDATE, outputs, details);
            }
            default -> {
                // settled: compare below
            }
        }
        if (!inputs.allKnown()) {
            details.add("depends on outputs not deployed yet:");
            inputs.declared().keySet().stream().filter(k -> inputs.known(k).isEmpty())
                    .forEach(k -> details.add("  " + k + " = " + inputs.describe(k)));
            return new StepOutcome(Change.WOULD_UPDATE, outputs, details);
        }
        String body = templates.body(step.template());
        Map<String, String> params = inputs.values();
        String fingerprint = Fingerprint.of(body, params, step.tags());
        if (fingerprint.equals(stack.tags().get(Fingerprint.TAG))) {
            return new StepOutcome(Change.UNCHANGED, outputs, details);
        }
        for (String k : new TreeSet<>(params.keySet())) {
            String was = stack.parameters().get(k);
            if (was != null && !was.equals(params.get(k))) {
                details.add("parameter " + k + ": " + was + " -> " + params.get(k));
            }
        }
        Map<String, String> tags = new LinkedHashMap<>(step.tags());
        tags.put(Fingerprint.TAG, fingerprint);
        ctx.budget().acquire();
        List<ResourceChange> changes = stacks.previewUpdate(new StackRequest(step.stackName(), body, params, tags, tokens.get()));
        if (changes.isEmpty()) {
            details.add("no resource changes (template text, parameters or tags only)");
        }
        changes.forEach(c -> details.add(c.describe()));
        return new StepOutcome(Change.WOULD_UPDATE, outputs, details);
    }

    private StackState run(StackStep step, StackStatus.Operation op, StepContext ctx, Supplier<String> start,
                           Optional<String> since) throws InterruptedException {
        String id = start.get();
        ctx.activity(step.stackName(), op == StackStatus.Operation.CREATE ? "CREATE_IN_PROGRESS" : op.name(), Optional.empty());
        return finish(step, op, id, since, ctx);
    }

    private StackState finish(StackStep step, StackStatus.Operation op, String stackId, Optional<String> since,
                              StepContext ctx) throws InterruptedException {
        StackWatcher.Result result = watcher.await(stackId, step.stackName(), since, step.timeout(), ctx);
        Optional<StackState> state = result.state();
        String status = state.map(StackState::status).orElse("DELETE_COMPLETE");
        if (!StackStatus.succeeded(op, status)) {
            String cause = result.rootCause().orElse("no reason given");
            throw new StepFailedException("stack " + step.stackName() + " " + status + ": " + cause,
                    hintFor(op, step));
        }
        return state.orElse(null);
    }

    private static String hintFor(StackStatus.Operation op, StackStep step) {
        return switch (op) {
            case CREATE -> "Fix the cause and re-run: hailctl will delete the failed stack and create it again.";
            case UPDATE -> "The stack rolled back to its previous state; fix the cause and re-run.";
            case DELETE -> "Finish deleting it in the CloudFormation console, then re-run.";
            case ATTACH -> "Re-run to continue from the stack's current state.";
        };
    }

    private void delete(StackStep step, StackState stack, StepContext ctx) throws InterruptedException {
        Optional<String> lastEvent = watcher.lastEventId(stack.id(), ctx);
        stacks.delete(stack.id(), tokens.get());
        ctx.activity(step.stackName(), "DELETE_IN_PROGRESS", Optional.empty());
        StackWatcher.Result result = watcher.await(stack.id(), step.stackName(), lastEvent, step.timeout(), ctx);
        if (result.state().isPresent() && !result.state().get().status().equals("DELETE_COMPLETE")) {
            throw new StepFailedException("could not delete the failed stack " + step.stackName() + ": "
                    + result.rootCause().orElse(result.state().get().status()), hintFor(StackStatus.Operation.DELETE, step));
        }
    }

    private String previousFailure(StackState stack, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        List<StackEvent> events = new ArrayList<>(stacks.eventsSince(stack.id(), Optional.empty()));
        java.util.Collections.reverse(events);
        return new StackWatcher.Result(Optional.of(stack), events).rootCause().map(c -> " (" + c + ")").orElse("");
    }

    private static StepOutcome outcome(StackStep step, Change change, StackState stack) {
        Map<String, String> outputs = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String name : new TreeSet<>(step.outputs())) {
            String v = stack.outputs().get(name);
            if (v == null) {
                missing.add(name);
            } else {
                outputs.put(name, v);
            }
        }
        if (!missing.isEmpty()) {
            throw new StepFailedException("stack " + step.stackName() + " has no output " + String.join(", ", missing)
                    + " (its template is older than this hailctl?)", "Re-run `hailctl deploy " + step.component().tag()
                    + "` to update it.");
        }
        return new StepOutcome(change, outputs, List.of());
    }
}
