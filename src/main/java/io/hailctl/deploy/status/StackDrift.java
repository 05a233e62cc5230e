package io.hailctl.deploy.status;

import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.stack.Fingerprint;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.Templates;
import io.hailctl.deploy.status.EnvironmentStatus.Drift;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.plan.Component;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The stacks part of the status: each stack's state word and its drift from what `deploy` would
 * send now. Drift goes through the engine's own {@link Inputs#resolve} and {@link Fingerprint}, so
 * "up to date" means exactly "deploy would leave this stack alone"; when an input cannot be known
 * (the network could not be read, a stack it comes from is missing) drift is unknown and says why.
 */
final class StackDrift {
    private final Templates templates;

    StackDrift(Templates templates) {
        this.templates = templates;
    }

    /**
     * The plan's stacks in plan order, then the found stacks the config no longer has.
     *
     * @param outputs every output known by step (the stacks' and the non-stack steps' reads), as `deploy` would resolve them
     */
    List<StackView> views(Plan plan, FoundStacks found, Map<StepId, Map<String, String>> outputs,
                          Optional<String> networkProblem) {
        List<StackView> views = new ArrayList<>();
        for (Step s : plan.steps()) {
            if (s instanceof StackStep st) {
                views.add(view(st, found.get(st.stackName()), outputs, networkProblem));
            }
        }
        for (String n : found.notInConfig()) {
            found.get(n).ifPresent(st -> views.add(new StackView(n, Optional.empty(), componentOf(st, found.environment()),
                    false, Optional.of(st.status()), Optional.of(state(st)), Optional.of(st.lastChanged()),
                    Drift.NOT_IN_CONFIG, Optional.of("no longer in hailctl.yaml"))));
        }
        return views;
    }

    private StackView view(StackStep step, Optional<StackState> found, Map<StepId, Map<String, String>> outputs,
                           Optional<String> networkProblem) {
        if (found.isEmpty()) {
            return new StackView(step.stackName(), Optional.of(step.id().value()), step.component().tag(), true,
                    Optional.empty(), Optional.empty(), Optional.empty(), Drift.NOT_DEPLOYED, Optional.empty());
        }
        StackState st = found.get();
        Drift drift;
        Optional<String> detail = Optional.empty();
        Inputs inputs = Inputs.resolve(step, outputs);
        if (networkProblem.isPresent()) {
            drift = Drift.UNKNOWN;
            detail = Optional.of("the network could not be read: " + networkProblem.get());
        } else if (!inputs.allKnown()) {
            drift = Drift.UNKNOWN;
            List<String> missing = new ArrayList<>();
            inputs.declared().keySet().stream().filter(k -> inputs.known(k).isEmpty())
                    .forEach(k -> missing.add(k + " " + inputs.describe(k)));
            detail = Optional.of("needs " + String.join(", ", missing));
        } else {
            String fingerprint = Fingerprint.of(templates.body(step.template()), inputs.values(), step.tags());
            String deployed = st.tags().get(Fingerprint.TAG);
            if (fingerprint.equals(deployed)) {
                drift = Drift.UP_TO_DATE;
            } else {
                drift = Drift.CHANGES_PENDING;
                detail = Optional.of(deployed == null ? "no " + Fingerprint.TAG + " tag (not deployed by hailctl)"
                        : changedParameters(st, inputs.values()));
            }
        }
        return new StackView(step.stackName(), Optional.of(step.id().value()), step.component().tag(), true,
                Optional.of(st.status()), Optional.of(state(st)), Optional.of(st.lastChanged()), drift, detail);
    }

    /** Parameters are the one part of the fingerprint the stack still shows, so they are what can be named. */
    private static String changedParameters(StackState st, Map<String, String> wanted) {
        List<String> changed = new ArrayList<>();
        new TreeMap<>(wanted).forEach((k, v) -> {
            String was = st.parameters().get(k);
            if (was != null && !was.equals(v)) {
                changed.add(k);
            }
        });
        return changed.isEmpty() ? "template or tags changed" : "parameters changed: " + String.join(", ", changed);
    }

    private static String state(StackState st) {
        return switch (st.category()) {
            case SETTLED -> "ok";
            case IN_PROGRESS, REVIEW -> "in-progress";
            case DELETED -> "deleted";
            default -> "failed";
        };
    }

    /** A stack hailctl no longer plans has no step to say its component: its tag does, else its name. */
    private static String componentOf(StackState st, String env) {
        String tag = st.tags().get(Topology.TAG_COMPONENT);
        if (tag != null) {
            return tag;
        }
        for (Component c : Component.values()) {
            if (st.name().startsWith(env + "-" + c.tag())) {
                return c.tag();
            }
        }
        return "unknown";
    }
}
