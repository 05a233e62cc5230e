package io.hailctl.deploy.stack;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * CloudFormation in memory, synchronous like the emulator: a create or delete is complete when the
 * call returns, with the stack events CloudFormation would have written. Outputs of created stacks
 * come from a function of the request; a test can make a delete fail.
 */
public final class FakeStacks implements Stacks {
    private final Map<String, StackState> byId = new LinkedHashMap<>();
    private final Map<String, List<StackEvent>> events = new HashMap<>();
    private final Function<StackRequest, Map<String, String>> outputs;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<String> writes = new ArrayList<>();
    private final Map<String, String> failDeleteOf = new HashMap<>();

    public FakeStacks(Function<StackRequest, Map<String, String>> outputs) {
        this.outputs = outputs;
    }

    /** A stack that is already there (deployed earlier), settled, with these outputs. */
    public synchronized String seed(String name, Map<String, String> parameters, Map<String, String> stackOutputs) {
        String id = "arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/" + ids.incrementAndGet();
        byId.put(id, new StackState(id, name, "CREATE_COMPLETE", Optional.empty(), parameters, stackOutputs, Map.of(),
                Instant.EPOCH));
        event(id, name, "AWS::CloudFormation::Stack", "CREATE_COMPLETE", null);
        return id;
    }

    /** The next DeleteStack of {@code name} ends DELETE_FAILED, with {@code reason} on one resource. */
    public synchronized void failDelete(String name, String reason) {
        failDeleteOf.put(name, reason);
    }

    /** Every write call, as "Operation name". */
    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized Optional<StackState> live(String name) {
        return byId.values().stream().filter(s -> s.name().equals(name) && !s.status().equals("DELETE_COMPLETE"))
                .findFirst();
    }

    @Override
    public synchronized Optional<StackState> describe(String nameOrId) {
        if (byId.containsKey(nameOrId)) {
            return Optional.of(byId.get(nameOrId));
        }
        return live(nameOrId);
    }

    @Override
    public synchronized List<String> names(String prefix) {
        return byId.values().stream().filter(s -> !s.status().equals("DELETE_COMPLETE"))
                .map(StackState::name).filter(n -> n.startsWith(prefix)).sorted().toList();
    }

    @Override
    public synchronized String create(StackRequest r) {
        if (live(r.stackName()).isPresent()) {
            throw new HailctlException(ExitCode.FAILED, "CloudFormation: AlreadyExistsException: " + r.stackName());
        }
        writes.add("CreateStack " + r.stackName());
        String id = "arn:aws:cloudformation:us-east-1:123456789012:stack/" + r.stackName() + "/" + ids.incrementAndGet();
        event(id, r.stackName(), "AWS::CloudFormation::Stack", "CREATE_IN_PROGRESS", "User Initiated");
        byId.put(id, new StackState(id, r.stackName(), "CREATE_COMPLETE", Optional.empty(), r.parameters(),
                outputs.apply(r), r.tags(), Instant.EPOCH));
        event(id, r.stackName(), "AWS::CloudFormation::Stack", "CREATE_COMPLETE", null);
        return id;
    }

    @Override
    public synchronized Optional<String> update(StackRequest r) {
        StackState s = live(r.stackName()).orElseThrow();
        writes.add("UpdateStack " + r.stackName());
        byId.put(s.id(), new StackState(s.id(), s.name(), "UPDATE_COMPLETE", Optional.empty(), r.parameters(),
                outputs.apply(r), r.tags(), Instant.EPOCH));
        event(s.id(), s.name(), "AWS::CloudFormation::Stack", "UPDATE_COMPLETE", null);
        return Optional.of(s.id());
    }

    @Override
    public synchronized void delete(String stackId, String clientRequestToken) {
        StackState s = byId.get(stackId);
        writes.add("DeleteStack " + s.name());
        event(stackId, s.name(), "AWS::CloudFormation::Stack", "DELETE_IN_PROGRESS", "User Initiated");
        String reason = failDeleteOf.remove(s.name());
        if (reason != null) {
            event(stackId, "NotebookInstance", "AWS::SageMaker::NotebookInstance", "DELETE_FAILED", reason);
            byId.put(stackId, withStatus(s, "DELETE_FAILED"));
            event(stackId, s.name(), "AWS::CloudFormation::Stack", "DELETE_FAILED", "The following resource(s) failed "
                    + "to delete: [NotebookInstance].");
            return;
        }
        byId.put(stackId, withStatus(s, "DELETE_COMPLETE"));
        event(stackId, s.name(), "AWS::CloudFormation::Stack", "DELETE_COMPLETE", null);
    }

    @Override
    public synchronized List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
        List<StackEvent> newestFirst = new ArrayList<>(events.getOrDefault(stackId, List.of()));
        Collections.reverse(newestFirst);
        List<StackEvent> out = new ArrayList<>();
        for (StackEvent e : newestFirst) {
            if (stopAtEventId.isPresent() && stopAtEventId.get().equals(e.id())) {
                break;
            }
            out.add(e);
        }
        return out;
    }

    @Override
    public List<ResourceChange> previewUpdate(StackRequest request) {
        return List.of();
    }

    private static StackState withStatus(StackState s, String status) {
        return new StackState(s.id(), s.name(), status, Optional.empty(), s.parameters(), s.outputs(), s.tags(),
                s.lastChanged());
    }

    private void event(String stackId, String logicalId, String type, String status, String reason) {
        List<StackEvent> list = events.computeIfAbsent(stackId, k -> new ArrayList<>());
        list.add(new StackEvent(stackId + "#" + list.size(), Instant.EPOCH, logicalId, type, status,
                Optional.ofNullable(reason)));
    }
}
