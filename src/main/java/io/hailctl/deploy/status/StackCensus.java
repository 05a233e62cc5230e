package io.hailctl.deploy.status;

import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The first round of a status read: every stack of the environment. The stacks hailctl.yaml names
 * are described at once, next to a listing of every {@code ENV-*} stack; the listed ones the config
 * no longer names are described as soon as the listing is in, and awaited only when the second round
 * needs them, so those describes overlap the network read and the steps' reads. The stacks are the
 * core of the answer: if they cannot be read, the command fails with that one line.
 */
final class StackCensus {
    private final String environment;
    private final Plan planWithoutNetwork;
    private final Map<String, Optional<StackState>> configured;
    private final Map<String, Pending<Optional<StackState>>> others;

    private StackCensus(String environment, Plan planWithoutNetwork, Map<String, Optional<StackState>> configured,
                        Map<String, Pending<Optional<StackState>>> others) {
        this.environment = environment;
        this.planWithoutNetwork = planWithoutNetwork;
        this.configured = configured;
        this.others = others;
    }

    /** Reads the configured stacks and the listing, and starts describing the others. */
    static StackCensus take(Stacks stacks, ParallelReads reads, HailctlConfig config) throws InterruptedException {
        String env = config.environment();
        // The listing first: it describes every stack of the account in one read where the port can
        // (Stacks.describeAll), and then the reads by name below are answered from it, not made; each read
        // made costs a slot of the run's read pace. Stack names do not depend on the network, so the stacks
        // are read while the network is.
        List<String> listed = reads.start(() -> stacks.names(env + "-")).await();
        Plan names = Topology.plan(config, new NetworkFacts("", "", ""));
        Map<String, Pending<Optional<StackState>>> described = new LinkedHashMap<>();
        for (Step s : names.steps()) {
            if (s instanceof StackStep st) {
                described.put(st.stackName(), reads.start(() -> stacks.describe(st.stackName())));
            }
        }
        Map<String, Optional<StackState>> configured = new LinkedHashMap<>();
        for (Map.Entry<String, Pending<Optional<StackState>>> e : described.entrySet()) {
            configured.put(e.getKey(), e.getValue().await());
        }
        Map<String, Pending<Optional<StackState>>> others = new LinkedHashMap<>();
        for (String n : listed) {
            if (!configured.containsKey(n)) {
                others.computeIfAbsent(n, name -> reads.start(() -> stacks.describe(name)));
            }
        }
        return new StackCensus(env, names, configured, others);
    }

    /** The plan with blank network facts: right about every stack and step, what status shows when the network cannot be read. */
    Plan planWithoutNetwork() {
        return planWithoutNetwork;
    }

    /** Outputs of the configured stacks that exist, by step: what `deploy` would read. */
    Map<StepId, Map<String, String>> outputs(Plan plan) {
        Map<StepId, Map<String, String>> outputs = new HashMap<>();
        for (Step s : plan.steps()) {
            if (s instanceof StackStep st) {
                configured.get(st.stackName()).filter(x -> x.category() == StackStatus.Category.SETTLED
                        || x.category() == StackStatus.Category.IN_PROGRESS).ifPresent(x -> outputs.put(s.id(), x.outputs()));
            }
        }
        return outputs;
    }

    /** Every stack, once the others' describes are in. */
    FoundStacks awaitOthers() throws InterruptedException {
        Map<String, Optional<StackState>> all = new LinkedHashMap<>(configured);
        for (Map.Entry<String, Pending<Optional<StackState>>> e : others.entrySet()) {
            all.put(e.getKey(), e.getValue().await());
        }
        return new FoundStacks(environment, all, others.keySet());
    }
}
