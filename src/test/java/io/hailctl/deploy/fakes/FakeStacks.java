package io.hailctl.deploy.fakes;

import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.stack.ResourceChange;
import io.hailctl.deploy.stack.StackEvent;
import io.hailctl.deploy.stack.StackRequest;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.Stacks;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * CloudFormation in memory, on a fake clock. Operations unfold over time as scripted timelines of
 * events modelled on what CloudFormation documents and emits: the stack's own *_IN_PROGRESS event
 * ("User Initiated"), resource events, the stack's terminal event; failures carry resource reasons
 * and rollbacks. Counts write calls and event pages so tests can assert "no write" and "only new
 * events were fetched".
 */
public final class FakeStacks implements Stacks {
    /** One scripted event: {@code after} the operation started. */
    public record Scripted(Duration after, String logicalId, String type, String status, String reason) {
    }

    private final FakeClock clock;
    private final Map<String, Stack> stacks = new LinkedHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> writes = new ArrayList<>();
    private final List<Optional<String>> eventQueries = new ArrayList<>();
    private Function<StackRequest, Map<String, String>> outputs = r -> Map.of();
    private Function<StackRequest, List<Scripted>> createScript = FakeStacks::successfulCreate;
    private Function<StackRequest, List<Scripted>> updateScript = FakeStacks::successfulUpdate;
    private List<ResourceChange> previewChanges = List.of();

    public FakeStacks(FakeClock clock) {
        this.clock = clock;
    }

    public FakeStacks outputs(Function<StackRequest, Map<String, String>> outputs) {
        this.outputs = outputs;
        return this;
    }

    public FakeStacks onCreate(Function<StackRequest, List<Scripted>> script) {
        this.createScript = script;
        return this;
    }

    public FakeStacks onUpdate(Function<StackRequest, List<Scripted>> script) {
        this.updateScript = script;
        return this;
    }

    public FakeStacks previewChanges(List<ResourceChange> changes) {
        this.previewChanges = changes;
        return this;
    }

    /** A stack that already exists in {@code status} (e.g. left by an earlier run or another person). */
    public synchronized FakeStacks existing(String name, String status, Map<String, String> params,
                                            Map<String, String> outputs, Map<String, String> tags,
                                            List<Scripted> pending) {
        Stack s = new Stack("arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/" + ids.incrementAndGet(), name);
        s.status = status;
        s.params = Map.copyOf(params);
        s.outputs = Map.copyOf(outputs);
        s.tags = Map.copyOf(tags);
        schedule(s, pending, clock.instant());
        stacks.put(name, s);
        return this;
    }

    /** Adds a past event to a stack's history (e.g. the failure that left it ROLLBACK_COMPLETE). */
    public synchronized void history(String name, String logicalId, String type, String status, String reason) {
        Stack s = stacks.get(name);
        s.events.add(new StackEvent("e" + ids.incrementAndGet(), clock.instant(), logicalId, type, status,
                Optional.ofNullable(reason)));
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized List<Optional<String>> eventQueries() {
        return List.copyOf(eventQueries);
    }

    public synchronized Optional<StackState> peek(String name) {
        Stack s = stacks.get(name);
        return s == null ? Optional.empty() : Optional.of(s.state());
    }

    // --- the port ---

    @Override
    public synchronized Optional<StackState> describe(String nameOrId) {
        Stack s = find(nameOrId);
        if (s == null) {
            return Optional.empty();
        }
        s.advance(clock.instant());
        if (s.status.equals("DELETE_COMPLETE") && !nameOrId.startsWith("arn:")) {
            return Optional.empty();
        }
        return Optional.of(s.state());
    }

    @Override
    public synchronized List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        stacks.values().forEach(s -> {
            s.advance(clock.instant());
            if (s.name.startsWith(prefix) && !s.status.equals("DELETE_COMPLETE")) {
                out.add(s.name);
            }
        });
        return out;
    }

    @Override
    public synchronized String create(StackRequest r) {
        writes.add("create " + r.stackName());
        Stack existing = stacks.get(r.stackName());
        if (existing != null && !existing.status.equals("DELETE_COMPLETE")) {
            throw new StepFailedException("CloudFormation: AlreadyExistsException: Stack " + r.stackName() + " already exists", null);
        }
        Stack s = new Stack("arn:aws:cloudformation:us-east-1:123456789012:stack/" + r.stackName() + "/" + ids.incrementAndGet(),
                r.stackName());
        s.status = "CREATE_IN_PROGRESS";
        s.params = r.parameters();
        s.tags = r.tags();
        s.pendingOutputs = outputs.apply(r);
        stacks.put(r.stackName(), s);
        schedule(s, createScript.apply(r), clock.instant());
        return s.id;
    }

    @Override
    public synchronized Optional<String> update(StackRequest r) {
        writes.add("update " + r.stackName());
        Stack s = stacks.get(r.stackName());
        if (s.params.equals(r.parameters()) && s.tags.equals(r.tags())) {
            return Optional.empty();
        }
        s.status = "UPDATE_IN_PROGRESS";
        s.params = r.parameters();
        s.tags = r.tags();
        s.pendingOutputs = outputs.apply(r);
        schedule(s, updateScript.apply(r), clock.instant());
        return Optional.of(s.id);
    }

    @Override
    public synchronized void delete(String stackId, String token) {
        Stack s = find(stackId);
        writes.add("delete " + s.name);
        s.status = "DELETE_IN_PROGRESS";
        schedule(s, List.of(
                new Scripted(Duration.ZERO, s.name, STACK, "DELETE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(4), s.name, STACK, "DELETE_COMPLETE", null)), clock.instant());
    }

    @Override
    public synchronized List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
        eventQueries.add(stopAtEventId);
        Stack s = find(stackId);
        s.advance(clock.instant());
        List<StackEvent> out = new ArrayList<>();
        for (int i = s.events.size() - 1; i >= 0; i--) {
            StackEvent e = s.events.get(i);
            if (stopAtEventId.isPresent() && stopAtEventId.get().equals(e.id())) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public synchronized List<ResourceChange> previewUpdate(StackRequest request) {
        return previewChanges;
    }

    // --- scripts modelled on CloudFormation's event sequences ---

    public static final String STACK = "AWS::CloudFormation::Stack";

    public static List<Scripted> successfulCreate(StackRequest r) {
        return List.of(
                new Scripted(Duration.ZERO, r.stackName(), STACK, "CREATE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(3), "Bucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS", null),
                new Scripted(Duration.ofSeconds(4), "Bucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS", "Resource creation Initiated"),
                new Scripted(Duration.ofSeconds(25), "Bucket", "AWS::S3::Bucket", "CREATE_COMPLETE", null),
                new Scripted(Duration.ofSeconds(27), r.stackName(), STACK, "CREATE_COMPLETE", null));
    }

    public static List<Scripted> successfulUpdate(StackRequest r) {
        return List.of(
                new Scripted(Duration.ZERO, r.stackName(), STACK, "UPDATE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(5), "Bucket", "AWS::S3::Bucket", "UPDATE_COMPLETE", null),
                new Scripted(Duration.ofSeconds(7), r.stackName(), STACK, "UPDATE_COMPLETE_CLEANUP_IN_PROGRESS", null),
                new Scripted(Duration.ofSeconds(8), r.stackName(), STACK, "UPDATE_COMPLETE", null));
    }

    /** A create where one resource fails and others are cancelled, then the stack rolls back. */
    public static List<Scripted> failedCreate(StackRequest r) {
        return List.of(
                new Scripted(Duration.ZERO, r.stackName(), STACK, "CREATE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(3), "Role", "AWS::IAM::Role", "CREATE_IN_PROGRESS", null),
                new Scripted(Duration.ofSeconds(3), "Notebook", "AWS::SageMaker::NotebookInstance", "CREATE_IN_PROGRESS", null),
                new Scripted(Duration.ofSeconds(40), "Notebook", "AWS::SageMaker::NotebookInstance", "CREATE_FAILED",
                        "The account-level service limit 'ml.t3.medium for notebook instance usage' is 0 Instances"),
                new Scripted(Duration.ofSeconds(41), "Role", "AWS::IAM::Role", "CREATE_FAILED", "Resource creation cancelled"),
                new Scripted(Duration.ofSeconds(42), r.stackName(), STACK, "ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to create: [Notebook, Role]. Rollback requested by user."),
                new Scripted(Duration.ofSeconds(50), "Role", "AWS::IAM::Role", "DELETE_COMPLETE", null),
                new Scripted(Duration.ofSeconds(55), r.stackName(), STACK, "ROLLBACK_COMPLETE", null));
    }

    /** An update that fails and rolls back to the previous state. */
    public static List<Scripted> failedUpdate(StackRequest r) {
        return List.of(
                new Scripted(Duration.ZERO, r.stackName(), STACK, "UPDATE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(6), "Cluster", "AWS::EMR::Cluster", "UPDATE_FAILED",
                        "Instance type r5.4xlarge is not supported in us-east-1e"),
                new Scripted(Duration.ofSeconds(7), r.stackName(), STACK, "UPDATE_ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to update: [Cluster]."),
                new Scripted(Duration.ofSeconds(20), r.stackName(), STACK, "UPDATE_ROLLBACK_COMPLETE", null));
    }

    private void schedule(Stack s, List<Scripted> script, Instant start) {
        for (Scripted e : script) {
            s.pending.add(new Pending(start.plus(e.after()), e));
        }
    }

    private Stack find(String nameOrId) {
        for (Stack s : stacks.values()) {
            if (s.id.equals(nameOrId) || s.name.equals(nameOrId)) {
                return s;
            }
        }
        return null;
    }

    private record Pending(Instant at, Scripted event) {
    }

    private final class Stack {
        final String id;
        final String name;
        String status;
        Map<String, String> params = Map.of();
        Map<String, String> outputs = Map.of();
        Map<String, String> pendingOutputs = Map.of();
        Map<String, String> tags = Map.of();
        final List<StackEvent> events = new ArrayList<>();
        final List<Pending> pending = new ArrayList<>();

        Stack(String id, String name) {
            this.id = id;
            this.name = name;
        }

        void advance(Instant now) {
            while (!pending.isEmpty() && !pending.get(0).at().isAfter(now)) {
                Pending p = pending.remove(0);
                Scripted e = p.event();
                events.add(new StackEvent("e" + ids.incrementAndGet(), p.at(), e.logicalId(), e.type(), e.status(),
                        Optional.ofNullable(e.reason())));
                if (e.type().equals(STACK) && e.logicalId().equals(name)) {
                    status = e.status();
                    if (status.equals("CREATE_COMPLETE") || status.equals("UPDATE_COMPLETE")) {
                        outputs = pendingOutputs;
                    }
                }
            }
        }

        StackState state() {
            return new StackState(id, name, status, Optional.empty(), params, outputs, tags, clock.instant());
        }
    }
}
