package io.hailctl.plan;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * A CloudFormation stack made from one bundled template.
 *
 * @param template   file name of the bundled template, e.g. {@code hail-s3.yml}
 * @param parameters every parameter hailctl passes (the template's defaults cover the rest)
 * @param outputs    the template outputs other steps or the CLI read
 * @param tags       stack tags (CloudFormation propagates them to resources)
 * @param timeout    how long to wait for the stack to settle before detaching with an error
 * @param after      steps that must be done first without feeding a parameter (e.g. the subnet tag)
 */
public record StackStep(StepId id, String title, Component component, String stackName, String template,
                        Map<String, Value> parameters, Set<String> outputs, Map<String, String> tags,
                        Duration timeout, Set<StepId> after) implements Step {

    public StackStep {
        parameters = Ordered.copy(parameters);
        outputs = Set.copyOf(outputs);
        tags = Ordered.copy(tags);
        after = Set.copyOf(after);
    }

    public StackStep(StepId id, String title, Component component, String stackName, String template,
                     Map<String, Value> parameters, Set<String> outputs, Map<String, String> tags, Duration timeout) {
        this(id, title, component, stackName, template, parameters, outputs, tags, timeout, Set.of());
    }

    @Override
    public Set<StepId> dependsOn() {
        Set<StepId> deps = new java.util.TreeSet<>(Step.super.dependsOn());
        deps.addAll(after);
        return deps;
    }

    @Override
    public Map<String, Value> inputs() {
        return parameters;
    }
}
