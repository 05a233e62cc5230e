package io.hailctl.deploy.network;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.SubnetTagStep;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Adds the missing tags to the subnet; with every tag present it writes nothing. */
public final class SubnetTagRunner implements StepRunner<SubnetTagStep> {
    private final SubnetTags subnets;

    public SubnetTagRunner(SubnetTags subnets) {
        this.subnets = subnets;
    }

    @Override
    public Class<SubnetTagStep> stepType() {
        return SubnetTagStep.class;
    }

    @Override
    public StepOutcome apply(SubnetTagStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        Map<String, String> missing = missing(step, ctx);
        if (missing.isEmpty()) {
            return StepOutcome.of(Change.UNCHANGED, Map.of());
        }
        subnets.add(step.subnetId(), missing);
        return new StepOutcome(Change.UPDATED, Map.of(), List.of("tagged " + missing));
    }

    @Override
    public StepOutcome read(SubnetTagStep step, Inputs inputs, StepContext ctx) {
        return StepOutcome.of(Change.READ, Map.of());
    }

    @Override
    public StepOutcome preview(SubnetTagStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        Map<String, String> missing = missing(step, ctx);
        return missing.isEmpty() ? StepOutcome.of(Change.UNCHANGED, Map.of())
                : new StepOutcome(Change.WOULD_UPDATE, Map.of(), List.of("would tag " + step.subnetId() + " with " + missing));
    }

    private Map<String, String> missing(SubnetTagStep step, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Map<String, String> have = subnets.tags(step.subnetId());
        Map<String, String> missing = new LinkedHashMap<>();
        step.tags().forEach((k, v) -> {
            if (!v.equals(have.get(k))) {
                missing.put(k, v);
            }
        });
        return missing;
    }
}
