package io.hailctl.plan;

import java.util.Map;

/**
 * Deletes one stack. {@code after} names deletions that must finish first (the network stack goes
 * after every notebook and cluster that uses its security groups).
 */
public record StackDeletion(StepId id, String stackName, Component component, Map<String, Value> after) implements Deletion {
    public StackDeletion {
        after = Ordered.copy(after);
    }

    @Override
    public String title() {
        return "stack " + stackName;
    }

}
