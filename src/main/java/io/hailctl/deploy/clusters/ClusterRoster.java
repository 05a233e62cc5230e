package io.hailctl.deploy.clusters;

import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every cluster of one environment: the configured ones (deployed or not), in hailctl.yaml's order, then
 * every other {@code ENV-emr-*} stack tagged with the environment — ad-hoc clusters ({@code hailctl
 * cluster start}, tagged {@code hailctl:ad-hoc}) and clusters no longer configured.
 */
public final class ClusterRoster {
    private final Stacks stacks;

    public ClusterRoster(Stacks stacks) {
        this.stacks = stacks;
    }

    /**
     * @param stack   empty when the configured cluster is not deployed (or its stack is deleted)
     * @param adHoc   its stack carries the {@code hailctl:ad-hoc} tag
     */
    public record Entry(String name, String stackName, Optional<StackState> stack, boolean configured, boolean adHoc) {
        public String kind() {
            return configured ? "configured" : adHoc ? "ad hoc" : "not in config";
        }
    }

    public List<Entry> all(HailctlConfig config) {
        String env = config.environment();
        String prefix = Topology.emrStackName(env, "");
        // The listing first: it is one DescribeStacks that describes every stack (SharedStackReads), so the reads
        // by name below are answered from it instead of costing one paced read per configured cluster.
        List<String> listed = stacks.names(prefix);
        Map<String, Entry> found = new LinkedHashMap<>();
        for (String name : config.clusterNames()) {
            String stack = Topology.emrStackName(env, name);
            Optional<StackState> st = live(stacks.describe(stack));
            found.put(stack, new Entry(name, stack, st, true, st.map(ClusterRoster::adHoc).orElse(false)));
        }
        for (String stack : listed) {
            if (found.containsKey(stack)) {
                continue;
            }
            Optional<StackState> st = live(stacks.describe(stack));
            // Only this environment's: `demo-emr-x` of an environment named `demo-emr` is not ours.
            if (st.isPresent() && env.equals(st.get().tags().get(Topology.TAG_ENVIRONMENT))) {
                found.put(stack, new Entry(stack.substring(prefix.length()), stack, st, false, adHoc(st.get())));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** The named cluster, configured or found in AWS. */
    public Optional<Entry> find(HailctlConfig config, String name) {
        return all(config).stream().filter(e -> e.name().equals(name)).findFirst();
    }

    private static Optional<StackState> live(Optional<StackState> st) {
        return st.filter(s -> s.category() != StackStatus.Category.DELETED);
    }

    /** Started by {@code hailctl cluster start} rather than configured: its stack's {@code hailctl:ad-hoc} tag. */
    public static boolean adHoc(StackState stack) {
        return "true".equals(stack.tags().get(Topology.TAG_AD_HOC));
    }
}
