package io.hailctl.deploy.status;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.progress.ProgressSink;

import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the plan's non-stack steps resolve to now (the AMI id, the packer bundle), through each step
 * runner's own {@code read}, so status and `deploy` cannot disagree. Their outputs feed stacks, so
 * they are read for drift as well as for the AMI part of the status. A step without a runner or
 * without outputs is not read.
 */
final class StepReads {
    private final Map<Class<?>, StepRunner<?>> runners = new HashMap<>();
    private final Clock clock;

    StepReads(List<StepRunner<?>> runners, Clock clock) {
        runners.forEach(r -> this.runners.put(r.stepType(), r));
        this.clock = clock;
    }

    /**
     * Starts the reads. One that takes another non-stack step's outputs (ami after packer-bundle) waits
     * for that read; the rest run at once. Topological order means every awaited read is already started.
     *
     * @param outputs the existing stacks' outputs by step
     */
    Started start(ParallelReads pool, Plan plan, Map<StepId, Map<String, String>> outputs) {
        Map<StepId, Pending<StepOutcome>> reads = new LinkedHashMap<>();
        for (StepId id : plan.topologicalOrder()) {
            Step s = plan.require(id);
            StepRunner<?> runner = runners.get(s.getClass());
            if (!(s instanceof StackStep) && !s.outputs().isEmpty() && runner != null) {
                Map<StepId, Pending<StepOutcome>> awaited = new LinkedHashMap<>();
                s.dependsOn().forEach(dep -> {
                    if (reads.containsKey(dep)) {
                        awaited.put(dep, reads.get(dep));
                    }
                });
                Map<StepId, Map<String, String>> known = new HashMap<>(outputs);
                reads.put(id, pool.start(() -> {
                    for (Map.Entry<StepId, Pending<StepOutcome>> dep : awaited.entrySet()) {
                        // The dependency's own problem is reported with it; this read goes on without it.
                        dep.getValue().awaitForDependent().ifPresent(o -> known.put(dep.getKey(), o.outputs()));
                    }
                    return read(runner, s, Inputs.resolve(s, known));
                }));
            }
        }
        return new Started(reads);
    }

    private StepOutcome read(StepRunner<?> runner, Step step, Inputs inputs) throws InterruptedException {
        if (!inputs.allKnown()) {
            List<String> missing = inputs.declared().keySet().stream().filter(k -> inputs.known(k).isEmpty())
                    .map(inputs::describe).toList();
            throw new HailctlException(ExitCode.FAILED, "cannot tell yet: needs " + String.join(", ", missing));
        }
        @SuppressWarnings("unchecked")
        StepRunner<Step> r = (StepRunner<Step>) runner;
        StepContext ctx = new StepContext(step.id().value(), ProgressSink.NONE, clock, Sleeper.REAL, new Cancellation(),
                Confirmer.NO, CallBudget.standard(clock, Sleeper.REAL), false);
        return r.read(step, inputs, ctx);
    }

    /** The reads in flight, in topological order. */
    record Started(Map<StepId, Pending<StepOutcome>> reads) {
        /** Each step's outcome, or the one line saying why it could not be read. */
        Results await() throws InterruptedException {
            Map<StepId, StepOutcome> outcomes = new HashMap<>();
            Map<StepId, String> problems = new HashMap<>();
            for (Map.Entry<StepId, Pending<StepOutcome>> e : reads.entrySet()) {
                try {
                    outcomes.put(e.getKey(), e.getValue().await());
                } catch (HailctlException ex) {
                    problems.put(e.getKey(), ex.getMessage());
                }
            }
            return new Results(outcomes, problems);
        }
    }

    /** What the steps resolved to; a step in neither map was not read. */
    record Results(Map<StepId, StepOutcome> outcomes, Map<StepId, String> problems) {
        /** The outputs the reads resolved, by step, to resolve stack inputs with. */
        Map<StepId, Map<String, String>> outputs() {
            Map<StepId, Map<String, String>> outputs = new HashMap<>();
            outcomes.forEach((id, o) -> outputs.put(id, o.outputs()));
            return outputs;
        }
    }
}
