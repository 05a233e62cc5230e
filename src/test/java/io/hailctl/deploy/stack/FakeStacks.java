package io.hailctl.deploy.stack;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** CloudFormation as a map of stacks, for reading tests (seed and status); writes are not expected. */
public class FakeStacks implements Stacks {
    private final Map<String, StackState> stacks = new ConcurrentHashMap<>();

    public FakeStacks put(String name, String status, Map<String, String> parameters, Map<String, String> outputs,
                          Map<String, String> tags, Instant changed) {
        stacks.put(name, new StackState("arn:aws:cloudformation:us-east-1:123456789012:stack/" + name + "/1", name, status,
                Optional.empty(), parameters, outputs, tags, changed));
        return this;
    }

    @Override
    public Optional<StackState> describe(String nameOrId) {
        return Optional.ofNullable(stacks.get(nameOrId));
    }

    @Override
    public List<String> names(String prefix) {
        List<String> out = new ArrayList<>();
        new TreeMap<>(stacks).keySet().forEach(n -> {
            if (n.startsWith(prefix)) {
                out.add(n);
            }
        });
        return out;
    }

    @Override
    public String create(StackRequest request) {
        throw new UnsupportedOperationException("read-only fake");
    }

    @Override
    public Optional<String> update(StackRequest request) {
        throw new UnsupportedOperationException("read-only fake");
    }

    @Override
    public void delete(String stackId, String clientRequestToken) {
        throw new UnsupportedOperationException("read-only fake");
    }

    @Override
    public List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
        return List.of();
    }

    @Override
    public List<ResourceChange> previewUpdate(StackRequest request) {
        throw new UnsupportedOperationException("read-only fake");
    }
}
