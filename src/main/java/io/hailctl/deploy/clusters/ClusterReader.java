package io.hailctl.deploy.clusters;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.clusters.ClusterRoster.Entry;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.status.Clusters;
import io.hailctl.deploy.status.Clusters.Cluster;
import io.hailctl.plan.HardStop;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * `cluster list` and `cluster describe`: each cluster of the environment as its stack and EMR see it. What
 * EMR says wins (a cluster terminated out of band shows TERMINATED and why, although its stack is fine).
 */
public final class ClusterReader {
    /** The template's Livy port when the stack does not say. */
    public static final String DEFAULT_LIVY_PORT = "8998";

    private final ClusterRoster roster;
    private final Clusters emr;
    private final ClusterFacts facts;
    private final Clock clock;

    public ClusterReader(ClusterRoster roster, Clusters emr, ClusterFacts facts, Clock clock) {
        this.roster = roster;
        this.emr = emr;
        this.facts = facts;
        this.clock = clock;
    }

    /**
     * @param state   EMR's state, or "not deployed", or "stack STATUS" while the stack has no cluster id yet
     * @param age     since EMR created it
     * @param hail    the Hail version the stack installs (its HailVersion parameter)
     */
    public record View(Entry entry, Optional<String> clusterId, String state, Optional<String> stateReason,
                       Optional<Cluster> cluster, Optional<ClusterFacts.Facts> facts, Optional<String> livyUrl,
                       Optional<Duration> age, Optional<String> hail) {
        public boolean terminated() {
            return state.startsWith("TERMINAT");
        }

        /**
         * Why this cluster will not run: its stack is not settled and usable (a create that rolled back, a stuck
         * update, a delete) or EMR has ended it. Empty while it runs, or while its stack is still in progress.
         */
        public Optional<String> notRunning() {
            Optional<StackState> stack = entry.stack();
            if (stack.isPresent() && stack.get().category() != StackStatus.Category.SETTLED
                    && stack.get().category() != StackStatus.Category.IN_PROGRESS) {
                return Optional.of("stack " + entry.stackName() + " is " + stack.get().status()
                        + stack.get().statusReason().map(r -> " (" + r + ")").orElse(""));
            }
            if (terminated()) {
                return Optional.of("EMR state " + state + stateReason.map(r -> " (" + r + ")").orElse(""));
            }
            return Optional.empty();
        }

        public boolean spot() {
            return cluster.map(c -> c.instanceGroups().stream().anyMatch(g -> g.market().equals("SPOT"))).orElse(false)
                    || entry.stack().map(s -> "SPOT".equals(s.parameters().get("TaskMarket"))
                            && !"0".equals(s.parameters().get("TaskInstanceMax"))).orElse(false);
        }

        /** When its hard stop (`cluster start --max-age`) terminates it: the stack's HardStopAt parameter. */
        public Optional<HardStop> hardStop() {
            return entry.stack().flatMap(s -> HardStop.fromParameters(s.parameters()));
        }

        /** Minutes idle before EMR terminates it (0 = never): EMR's policy when it answers, else the stack's. */
        public Optional<Integer> idleMinutes() {
            Optional<Integer> fromEmr = cluster.filter(c -> c.autoTermination().known())
                    .map(c -> c.autoTermination().idleTimeout().map(d -> (int) d.toMinutes()).orElse(0));
            return fromEmr.or(() -> entry.stack().flatMap(s -> Optional.ofNullable(s.parameters().get("IdleTimeoutSeconds")))
                    .flatMap(ClusterReader::number).map(s -> s / 60));
        }
    }

    public List<View> list(HailctlConfig config, int lastSteps) {
        List<View> views = new ArrayList<>();
        for (Entry e : roster.all(config)) {
            views.add(view(e, lastSteps));
        }
        return views;
    }

    /** The named cluster; an unknown name is one line listing the known ones (exit 2). */
    public View describe(HailctlConfig config, String name, int lastSteps) {
        List<Entry> all = roster.all(config);
        Entry e = all.stream().filter(x -> x.name().equals(name)).findFirst()
                .orElseThrow(() -> unknown(name, all));
        return view(e, lastSteps);
    }

    public static HailctlException unknown(String name, List<Entry> known) {
        return new HailctlException(ExitCode.USAGE, "unknown cluster '" + name + "' (clusters: "
                + (known.isEmpty() ? "none" : String.join(", ", known.stream().map(Entry::name).toList())) + ")",
                "Start one with: hailctl cluster start " + name);
    }

    private View view(Entry e, int lastSteps) {
        if (e.stack().isEmpty()) {
            return new View(e, Optional.empty(), "not deployed", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), Optional.empty());
        }
        StackState st = e.stack().get();
        Optional<String> hail = Optional.ofNullable(st.parameters().get("HailVersion"));
        Optional<String> id = Optional.ofNullable(st.outputs().get("ClusterId")).filter(v -> !v.isEmpty());
        if (id.isEmpty()) {
            return new View(e, id, "stack " + st.status(), Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), hail);
        }
        Optional<Cluster> c = emr.describe(id.get());
        if (c.isEmpty()) {
            return new View(e, id, "unknown to EMR", Optional.empty(), Optional.empty(), Optional.empty(),
                    Optional.empty(), Optional.empty(), hail);
        }
        // ListSteps only when steps are shown: every other cluster command reads 4 EMR answers, not 5.
        Optional<ClusterFacts.Facts> f = Optional.of(new ClusterFacts.Facts(c.get().created(), c.get().applications(),
                lastSteps > 0 ? facts.lastSteps(id.get(), lastSteps) : List.of()));
        Optional<Duration> age = c.get().created().map(t -> Duration.between(t, clock.instant()));
        return new View(e, id, c.get().state(), c.get().stateReason(), c, f, livyUrl(c.get(), st), age, hail);
    }

    /** {@code http://MASTER:PORT} while the cluster is not terminating or terminated. */
    public static Optional<String> livyUrl(Cluster c, StackState stack) {
        if (c.state().startsWith("TERMINAT")) {
            return Optional.empty();
        }
        String port = Optional.ofNullable(stack.outputs().get("LivyPort")).filter(v -> !v.isEmpty()).orElse(DEFAULT_LIVY_PORT);
        return c.masterPublicDns().or(c::masterPrivateDns).map(m -> "http://" + m + ":" + port);
    }

    private static Optional<Integer> number(String s) {
        try {
            return Optional.of(Integer.parseInt(s.trim()));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
