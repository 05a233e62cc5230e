package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * Deletes one stack. {@code after} names deletions that must finish first (the network stack goes
 * after every notebook and cluster that uses its security groups).
 */
public record StackDeletion(StepId id, String stackName, Component component, Map<String, Value> after) implements Step {
    public static final String DELETED = "Deleted";

    public StackDeletion {
        after = Ordered.copy(after);
    }

    @Override
    public String title() {
        return "stack " + stackName;
    }

    @Override
    public String applyVerb() {
        return "delete";
    }

    @Override
    public Map<String, Value> inputs() {
        return after;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(DELETED);
    }
}
