package io.hailctl.deploy;

import java.util.List;
import java.util.Map;

/**
 * The result of running, reading or previewing one step.
 *
 * @param outputs the step's outputs (in a preview, only those already known)
 * @param details lines for people: a preview's resource changes, a sync's counts, ...
 */
public record StepOutcome(Change change, Map<String, String> outputs, List<String> details) {
    public StepOutcome {
        outputs = Map.copyOf(outputs);
        details = List.copyOf(details);
    }

    public static StepOutcome of(Change change, Map<String, String> outputs) {
        return new StepOutcome(change, outputs, List.of());
    }
}
