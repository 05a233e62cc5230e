package io.hailctl.cli;

import io.hailctl.config.EmrSpec;
import io.hailctl.deploy.clusters.ClusterReader.View;
import io.hailctl.deploy.clusters.ClusterShape;
import io.hailctl.deploy.status.Clusters;
import io.hailctl.plan.HardStop;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** `cluster list`, `cluster describe` and `cluster modify`'s before → after, as text. */
final class ClusterText {
    private ClusterText() {
    }

    static void list(List<View> views, PrintWriter out) {
        if (views.isEmpty()) {
            out.println("No clusters. Start one: hailctl cluster start NAME");
            return;
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "KIND", "STATE", "AGE", "IDLE STOP", "HARD STOP", "NODES", "SPOT", "ID"});
        for (View v : views) {
            rows.add(new String[] {v.entry().name(), v.entry().kind(), v.state(), v.age().map(ClusterText::age).orElse("-"),
                v.idleMinutes().map(ClusterText::idle).orElse("-"), v.hardStop().map(ClusterText::at).orElse("-"), nodes(v), v.spot() ? "yes" : "no",
                v.clusterId().orElse("-")});
        }
        int[] width = new int[rows.get(0).length];
        rows.forEach(r -> {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        });
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < r.length; i++) {
                line.append(i == r.length - 1 ? r[i] : String.format("%-" + (width[i] + 2) + "s", r[i]));
            }
            out.println(line.toString().stripTrailing());
        }
    }

    static void describe(View v, PrintWriter out) {
        out.println("cluster " + v.entry().name() + " (" + v.entry().kind() + ", stack " + v.entry().stackName() + ")");
        out.println("  state         " + v.state() + v.stateReason().map(r -> " (" + r + ")").orElse(""));
        v.clusterId().ifPresent(id -> out.println("  id            " + id));
        v.age().ifPresent(a -> out.println("  age           " + age(a)));
        Optional<Clusters.Cluster> c = v.cluster();
        c.ifPresent(x -> out.println("  release       " + x.releaseLabel()));
        c.ifPresent(x -> out.println("  AMI           " + x.customAmiId().orElse("the default EMR AMI")));
        v.hail().ifPresent(h -> out.println("  Hail          " + h));
        c.flatMap(x -> x.masterPublicDns().or(x::masterPrivateDns)).ifPresent(m -> out.println("  master        " + m));
        out.println("  Livy          " + v.livyUrl().orElse("-"));
        v.idleMinutes().ifPresent(m -> out.println("  idle stop     " + idle(m)));
        v.hardStop().ifPresent(h -> out.println("  hard stop     " + at(h)));
        c.ifPresent(x -> x.instanceGroups().forEach(g -> out.println("  group         " + g.role() + "  " + g.instanceType()
                + "  " + (g.market().isEmpty() ? "" : g.market() + "  ") + g.running() + "/" + g.requested() + " running")));
        v.facts().ifPresent(f -> {
            if (!f.applications().isEmpty()) {
                out.println("  applications  " + String.join(", ", f.applications()));
            }
            f.lastSteps().forEach(s -> out.println("  step          " + s.id() + "  " + s.state() + "  " + s.name()
                    + s.failure().map(r -> " (" + r + ")").orElse("")));
        });
    }

    /** What `modify` changes, as "field: before -> after" lines. */
    static List<String> changes(EmrSpec before, EmrSpec after) {
        List<String> lines = new ArrayList<>();
        if (before.coreCount() != after.coreCount()) {
            lines.add("workers (core nodes): " + before.coreCount() + " -> " + after.coreCount());
        }
        if (before.taskMax() != after.taskMax()) {
            lines.add("task nodes max: " + before.taskMax() + " -> " + after.taskMax());
        }
        if (before.idleTimeoutMinutes() != after.idleTimeoutMinutes()) {
            lines.add("idle stop: " + idle(before.idleTimeoutMinutes()) + " -> " + idle(after.idleTimeoutMinutes()));
        }
        return lines;
    }

    private static String nodes(View v) {
        return v.cluster().filter(c -> !c.instanceGroups().isEmpty()).map(c -> String.join(" ", c.instanceGroups().stream()
                .map(g -> g.role().toLowerCase() + " " + g.running() + "/" + g.requested()).toList()))
                .or(() -> v.entry().stack().map(s -> "core " + s.parameters().getOrDefault("CoreInstanceCount", "?")
                        + ", task " + s.parameters().getOrDefault("TaskInstanceMin", "0") + "-"
                        + s.parameters().getOrDefault("TaskInstanceMax", "0") + " (stack)"))
                .orElse("-");
    }

    /** A hard stop as people read it: {@code 2026-12-04 20:15 UTC}. */
    static String at(HardStop h) {
        return AT.format(h.at());
    }

    private static final java.time.format.DateTimeFormatter AT = java.time.format.DateTimeFormatter
            .ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    private static String idle(int minutes) {
        return minutes == 0 ? "never" : "after " + ClusterShape.text(Duration.ofMinutes(minutes)) + " idle";
    }

    private static String age(Duration d) {
        long m = Math.max(0, d.toMinutes());
        return m < 60 ? m + "m" : m < 48 * 60 ? m / 60 + "h" + (m % 60 == 0 ? "" : m % 60 + "m") : m / (24 * 60) + "d";
    }
}
