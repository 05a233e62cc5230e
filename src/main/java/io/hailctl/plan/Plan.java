package io.hailctl.plan;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Steps and the graph their wiring implies. Building a plan checks that every {@code OutputOf}
 * names a step in the plan and an output that step declares, and that there is no cycle; errors
 * name the steps and keys involved.
 */
public final class Plan {
    private final Map<StepId, Step> steps;

    private Plan(Map<StepId, Step> steps) {
        this.steps = steps;
    }

    public static Plan of(Collection<? extends Step> steps) {
        Map<StepId, Step> byId = new LinkedHashMap<>();
        for (Step s : steps) {
            if (byId.put(s.id(), s) != null) {
                throw new PlanException("two steps are named '" + s.id() + "'");
            }
        }
        Plan plan = new Plan(byId);
        plan.checkWiring();
        plan.checkAcyclic();
        return plan;
    }

    public List<Step> steps() {
        return List.copyOf(steps.values());
    }

    public Optional<Step> step(StepId id) {
        return Optional.ofNullable(steps.get(id));
    }

    public Step require(StepId id) {
        Step s = steps.get(id);
        if (s == null) {
            throw new PlanException("no step '" + id + "' in the plan");
        }
        return s;
    }

    /** Steps that take an output of {@code id}. */
    public Set<StepId> dependents(StepId id) {
        Set<StepId> out = new TreeSet<>();
        for (Step s : steps.values()) {
            if (s.dependsOn().contains(id)) {
                out.add(s.id());
            }
        }
        return out;
    }

    /** Everything that depends on {@code id}, directly or not. */
    public Set<StepId> downstream(StepId id) {
        Set<StepId> seen = new LinkedHashSet<>();
        Deque<StepId> todo = new ArrayDeque<>(dependents(id));
        while (!todo.isEmpty()) {
            StepId next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(dependents(next));
            }
        }
        return seen;
    }

    /** {@code targets} and everything they need, directly or not. */
    public Set<StepId> upstreamOf(Collection<StepId> targets) {
        Set<StepId> seen = new LinkedHashSet<>();
        Deque<StepId> todo = new ArrayDeque<>(targets);
        while (!todo.isEmpty()) {
            StepId next = todo.pop();
            if (seen.add(next)) {
                todo.addAll(require(next).dependsOn());
            }
        }
        return seen;
    }

    /**
     * Layers for display: wave n holds steps whose longest dependency chain has length n. The engine
     * does not wait for whole waves; a step starts as soon as its own dependencies are done.
     */
    public List<List<StepId>> waves() {
        Map<StepId, Integer> depth = new LinkedHashMap<>();
        for (StepId id : topologicalOrder()) {
            int d = 0;
            for (StepId dep : require(id).dependsOn()) {
                d = Math.max(d, depth.get(dep) + 1);
            }
            depth.put(id, d);
        }
        List<List<StepId>> waves = new ArrayList<>();
        depth.forEach((id, d) -> {
            while (waves.size() <= d) {
                waves.add(new ArrayList<>());
            }
            waves.get(d).add(id);
        });
        return waves;
    }

    /** Steps in an order where every step comes after its dependencies (stable: plan order). */
    public List<StepId> topologicalOrder() {
        List<StepId> order = new ArrayList<>();
        Set<StepId> done = new LinkedHashSet<>();
        while (done.size() < steps.size()) {
            boolean progressed = false;
            for (Step s : steps.values()) {
                if (!done.contains(s.id()) && done.containsAll(s.dependsOn())) {
                    done.add(s.id());
                    order.add(s.id());
                    progressed = true;
                }
            }
            if (!progressed) {
                throw new PlanException("the plan has a dependency cycle");
            }
        }
        return order;
    }

    private void checkWiring() {
        for (Step s : steps.values()) {
            for (Map.Entry<String, Value> in : s.inputs().entrySet()) {
                if (in.getValue() instanceof Value.OutputOf o) {
                    Step source = steps.get(o.step());
                    if (source == null) {
                        throw new PlanException("step '" + s.id() + "' input " + in.getKey() + " needs output '"
                                + o.output() + "' of step '" + o.step() + "', which is not in the plan");
                    }
                    if (!source.outputs().contains(o.output())) {
                        throw new PlanException("step '" + s.id() + "' input " + in.getKey() + " needs output '"
                                + o.output() + "' of step '" + o.step() + "', which declares only "
                                + new TreeSet<>(source.outputs()));
                    }
                }
            }
            for (StepId dep : s.dependsOn()) {
                if (!steps.containsKey(dep)) {
                    throw new PlanException("step '" + s.id() + "' needs step '" + dep + "', which is not in the plan");
                }
            }
        }
    }

    private void checkAcyclic() {
        Map<StepId, Integer> state = new LinkedHashMap<>();
        for (StepId id : steps.keySet()) {
            Deque<StepId> path = new ArrayDeque<>();
            visit(id, state, path);
        }
    }

    private void visit(StepId id, Map<StepId, Integer> state, Deque<StepId> path) {
        Integer st = state.get(id);
        if (st != null && st == 2) {
            return;
        }
        path.addLast(id);
        if (st != null && st == 1) {
            List<StepId> cycle = new ArrayList<>(path);
            int start = cycle.indexOf(id);
            List<String> names = cycle.subList(start, cycle.size()).stream().map(StepId::value).toList();
            throw new PlanException("dependency cycle: " + String.join(" -> ", names));
        }
        state.put(id, 1);
        for (StepId dep : require(id).dependsOn()) {
            visit(dep, state, path);
        }
        state.put(id, 2);
        path.removeLast();
    }
}
