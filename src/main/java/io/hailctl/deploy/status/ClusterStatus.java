package io.hailctl.deploy.status;

import io.hailctl.plan.HardStop;

import io.hailctl.HailctlException;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.status.Clusters.Cluster;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.GroupView;
import io.hailctl.deploy.status.FoundStacks.Member;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The clusters part of the status: the EMR cluster behind each emr stack, the configured one first,
 * then any the config no longer names — its state, master, Livy address, instance groups and idle
 * timeout. What EMR says wins; what it cannot say comes from the deployed stack. It also tells the
 * AMI part which AMI the configured cluster runs, from the same describe.
 */
final class ClusterStatus {
    private static final String FROM_STACK = "stack parameter";

    private final FoundStacks found;
    /** The first configured cluster: the one whose AMI the AMI part shows. */
    private final Optional<Member> configured;
    private final List<Member> clusters;
    private final Map<String, Pending<Optional<Cluster>>> described;

    private ClusterStatus(FoundStacks found, Optional<Member> configured, List<Member> clusters,
                          Map<String, Pending<Optional<Cluster>>> described) {
        this.found = found;
        this.configured = configured;
        this.clusters = clusters;
        this.described = described;
    }

    /** Starts describing the cluster of every emr stack that names one. */
    static ClusterStatus start(Clusters emr, ParallelReads pool, FoundStacks found, List<String> configuredClusters) {
        // Every cluster's stack name is this prefix and the cluster's name.
        String prefix = Topology.emrStackName(found.environment(), "");
        Map<String, Pending<Optional<Cluster>>> described = new LinkedHashMap<>();
        found.outputUnder(prefix, "ClusterId").forEach((stack, id) -> described.put(stack, pool.start(() -> emr.describe(id))));
        List<Member> clusters = found.members(configuredClusters, prefix);
        return new ClusterStatus(found, clusters.stream().filter(Member::inConfig).findFirst(), clusters, described);
    }

    /** @param problems where a cluster that could not be described is reported */
    List<ClusterView> views(List<String> problems) throws InterruptedException {
        List<ClusterView> views = new ArrayList<>();
        for (Member cluster : clusters) {
            views.add(view(cluster, problems));
        }
        return views;
    }

    /**
     * The AMI the configured cluster runs ("" = EMR's default): the one EMR names while the cluster is up
     * (or still names one), else the deployed stack's CustomAmiId parameter; empty without either.
     */
    Optional<String> amiInUse() throws InterruptedException {
        if (configured.isEmpty()) {
            return Optional.empty();
        }
        String stack = configured.get().stack();
        Optional<String> inUse = Optional.empty();
        Pending<Optional<Cluster>> f = described.get(stack);
        if (f != null) {
            try {
                inUse = f.await().filter(c -> !gone(c) || c.customAmiId().isPresent()).map(c -> c.customAmiId().orElse(""));
            } catch (HailctlException e) {
                // Already reported with the cluster.
            }
        }
        return inUse.or(() -> found.get(stack).map(s -> s.parameters().getOrDefault("CustomAmiId", "")));
    }

    private ClusterView view(Member cluster, List<String> problems) throws InterruptedException {
        Optional<StackState> stack = found.get(cluster.stack());
        if (stack.isEmpty()) {
            return withoutEmr(cluster, stack, Optional.empty(), EnvironmentStatus.NOT_DEPLOYED, Optional.empty(), Optional.empty());
        }
        StackState st = stack.get();
        Optional<String> id = FoundStacks.output(st, "ClusterId");
        // The stack takes seconds (hailctl passes emr.idleTimeoutMinutes x 60); status shows minutes.
        Optional<Integer> stackIdle = Optional.ofNullable(st.parameters().get("IdleTimeoutSeconds"))
                .flatMap(ClusterStatus::number).map(seconds -> seconds / 60);
        Pending<Optional<Cluster>> f = described.get(cluster.stack());
        if (f == null) {
            return withoutEmr(cluster, stack, id, "stack " + st.status(), stackIdle, Optional.empty());
        }
        try {
            Optional<Cluster> c = f.await();
            if (c.isEmpty()) {
                return withoutEmr(cluster, stack, id, EnvironmentStatus.NOT_DEPLOYED, Optional.empty(),
                        Optional.of("EMR does not know cluster " + id.orElse("?")));
            }
            return fromEmr(cluster, st, c.get(), stackIdle);
        } catch (HailctlException e) {
            problems.add("cluster " + cluster.name() + ": " + e.getMessage());
            return withoutEmr(cluster, stack, id, "unknown", stackIdle, Optional.of(e.getMessage()));
        }
    }

    private static ClusterView fromEmr(Member cluster, StackState st, Cluster cl, Optional<Integer> stackIdle) {
        Optional<String> livy = io.hailctl.deploy.clusters.ClusterReader.livyUrl(cl, st);
        List<GroupView> groups = cl.instanceGroups().stream()
                .map(g -> new GroupView(g.role(), g.instanceType(), g.market(), g.running(), g.requested())).toList();
        Optional<Integer> idle;
        Optional<String> idleSource;
        if (cl.autoTermination().known()) {
            idle = Optional.of(cl.autoTermination().idleTimeout().map(d -> (int) d.toMinutes()).orElse(0));
            idleSource = Optional.of("AutoTerminationPolicy");
        } else {
            idle = stackIdle;
            idleSource = stackIdle.map(x -> FROM_STACK);
        }
        return new ClusterView(cluster.name(), cluster.inConfig(), adHoc(st), cluster.stack(), Optional.of(cl.id()), cl.state(),
                cl.stateReason(), cl.masterPublicDns(), cl.masterPrivateDns(), livy, groups, idle, idleSource,
                HardStop.fromParameters(st.parameters()), Optional.empty());
    }

    /** A view with nothing from EMR: the idle timeout, when there is one, is the deployed stack's. */
    private static ClusterView withoutEmr(Member cluster, Optional<StackState> stack, Optional<String> id, String state,
                                          Optional<Integer> stackIdle, Optional<String> problem) {
        return new ClusterView(cluster.name(), cluster.inConfig(), stack.map(ClusterStatus::adHoc).orElse(false),
                cluster.stack(), id, state, Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), List.of(), stackIdle,
                stackIdle.map(x -> FROM_STACK), stack.flatMap(s -> HardStop.fromParameters(s.parameters())), problem);
    }

    private static boolean adHoc(StackState stack) {
        return io.hailctl.deploy.clusters.ClusterRoster.adHoc(stack);
    }

    /** TERMINATING, TERMINATED or TERMINATED_WITH_ERRORS. */
    private static boolean gone(Cluster c) {
        return c.state().startsWith("TERMINAT");
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
