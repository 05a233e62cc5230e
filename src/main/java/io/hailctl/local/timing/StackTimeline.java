package io.hailctl.local.timing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When each resource of one stack operation starts and settles, as CloudFormation schedules it: a
 * resource starts as soon as everything it depends on has settled (create, update) or everything that
 * depends on it is gone (delete), and takes its type's duration. The stack settles with its last
 * resource, so its duration is the critical path: the longest dependency chain of durations.
 *
 * <p>Answers what CloudFormation would show at any instant: the stack status and the events so far.
 */
public final class StackTimeline {
    private final String stackName;
    private final Operation op;
    private final Instant start;
    private final Map<String, Slot> slots;
    private final Instant finish;

    /** When one resource starts and settles, and which resource it waited for last (for the critical path). */
    public record Slot(Resource resource, Instant start, Instant finish, String waitedFor) {
    }

    private StackTimeline(String stackName, Operation op, Instant start, Map<String, Slot> slots) {
        this.stackName = stackName;
        this.op = op;
        this.start = start;
        this.slots = slots;
        this.finish = slots.values().stream().map(Slot::finish).max(Comparator.naturalOrder()).orElse(start);
    }

    /** @throws IllegalArgumentException on a duplicate logical id or a dependency cycle (CloudFormation refuses both) */
    public static StackTimeline plan(String stackName, Operation op, List<Resource> resources, DurationTable table,
                                     Instant start) {
        Map<String, Resource> byId = new LinkedHashMap<>();
        for (Resource r : resources) {
            if (byId.put(r.logicalId(), r) != null) {
                throw new IllegalArgumentException("duplicate logical id " + r.logicalId());
            }
        }
        // waitsFor: what must settle before a resource starts. Deletion runs the graph backwards.
        Map<String, List<String>> waitsFor = new HashMap<>();
        byId.keySet().forEach(id -> waitsFor.put(id, new ArrayList<>()));
        for (Resource r : byId.values()) {
            for (String dep : r.dependsOn()) {
                if (byId.containsKey(dep) && !dep.equals(r.logicalId())) {
                    if (op == Operation.DELETE) {
                        waitsFor.get(dep).add(r.logicalId());
                    } else {
                        waitsFor.get(r.logicalId()).add(dep);
                    }
                }
            }
        }
        Map<String, Slot> slots = new LinkedHashMap<>();
        for (String id : topologicalOrder(waitsFor, byId.keySet())) {
            Instant s = start;
            String waited = null;
            for (String before : waitsFor.get(id)) {
                Instant f = slots.get(before).finish();
                if (f.isAfter(s) || waited == null && !f.isBefore(s)) {
                    s = f;
                    waited = before;
                }
            }
            Resource r = byId.get(id);
            slots.put(id, new Slot(r, s, s.plus(table.of(r.type(), op)), waited));
        }
        return new StackTimeline(stackName, op, start, slots);
    }

    private static List<String> topologicalOrder(Map<String, List<String>> waitsFor, Set<String> ids) {
        Map<String, Integer> state = new HashMap<>(); // 1 visiting, 2 done
        List<String> order = new ArrayList<>();
        for (String root : ids) {
            if (state.containsKey(root)) {
                continue;
            }
            Deque<Map.Entry<String, Integer>> stack = new ArrayDeque<>();
            stack.push(Map.entry(root, 0));
            state.put(root, 1);
            while (!stack.isEmpty()) {
                Map.Entry<String, Integer> top = stack.pop();
                List<String> next = waitsFor.get(top.getKey());
                if (top.getValue() < next.size()) {
                    stack.push(Map.entry(top.getKey(), top.getValue() + 1));
                    String n = next.get(top.getValue());
                    Integer st = state.get(n);
                    if (st == null) {
                        state.put(n, 1);
                        stack.push(Map.entry(n, 0));
                    } else if (st == 1) {
                        throw new IllegalArgumentException("circular dependency through " + n);
                    }
                } else {
                    state.put(top.getKey(), 2);
                    order.add(top.getKey());
                }
            }
        }
        return order;
    }

    public String stackName() {
        return stackName;
    }

    public Operation operation() {
        return op;
    }

    public Instant start() {
        return start;
    }

    /** When the stack settles: its last resource settled. */
    public Instant finish() {
        return finish;
    }

    /** The physical limit of this operation: the longest chain of resource durations. */
    public Duration criticalPath() {
        return Duration.between(start, finish);
    }

    /** The logical ids of the longest chain, first to last. */
    public List<String> criticalChain() {
        Slot last = slots.values().stream().max(Comparator.comparing(Slot::finish)).orElse(null);
        List<String> chain = new ArrayList<>();
        for (Slot s = last; s != null; s = s.waitedFor() == null ? null : slots.get(s.waitedFor())) {
            chain.add(0, s.resource().logicalId());
        }
        return chain;
    }

    public Map<String, Slot> slots() {
        return Map.copyOf(slots);
    }

    public boolean settled(Instant now) {
        return !now.isBefore(finish);
    }

    /** The stack status at {@code now}: in progress until the last resource settled. */
    public String stackStatus(Instant now) {
        return settled(now) ? op.complete() : op.inProgress();
    }

    /** The events up to {@code now}, newest first (as DescribeStackEvents lists them). */
    public List<StackEvent> events(Instant now) {
        // Ascending causal order: the stack's start first and its completion last; in between by time, and at
        // equal times in dependency order, each resource's start before its completion (so a completion that
        // lets another resource start comes before that start).
        record Ordered(StackEvent event, long rank) {
        }
        List<Ordered> all = new ArrayList<>();
        all.add(new Ordered(new StackEvent(start, stackName, StackEvent.STACK_TYPE, op.inProgress()), Long.MIN_VALUE));
        int index = 0;
        for (Slot s : slots.values()) { // topological order
            Resource r = s.resource();
            all.add(new Ordered(new StackEvent(s.start(), r.logicalId(), r.type(), op.inProgress()), 2L * index));
            all.add(new Ordered(new StackEvent(s.finish(), r.logicalId(), r.type(), op.complete()), 2L * index + 1));
            index++;
        }
        all.add(new Ordered(new StackEvent(finish, stackName, StackEvent.STACK_TYPE, op.complete()), Long.MAX_VALUE));
        List<StackEvent> seen = new ArrayList<>();
        all.stream().filter(o -> !o.event().time().isAfter(now))
                .sorted(Comparator.comparing((Ordered o) -> o.event().time()).thenComparingLong(Ordered::rank)
                        .reversed())
                .forEach(o -> seen.add(o.event()));
        return seen;
    }
}
