package io.hailctl.cli;

import io.hailctl.deploy.status.EnvironmentStatus;
import io.hailctl.deploy.status.EnvironmentStatus.AmiView;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.progress.Durations;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** `hailctl status` for people: one screen, one section per kind of part, columns aligned. */
final class StatusText {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private StatusText() {
    }

    static void render(EnvironmentStatus s, PrintWriter out) {
        out.println("Environment " + s.environment() + " (" + s.region() + "), read " + WHEN.format(s.readAt())
                + " in " + Durations.human(s.took()));

        out.println();
        out.println("Stacks");
        List<String[]> rows = new ArrayList<>();
        for (StackView v : s.stacks()) {
            rows.add(new String[] {v.name(), v.status().orElse("not deployed"),
                v.lastChanged().map(WHEN::format).orElse(""),
                v.drift().words() + v.driftDetail().map(d -> " (" + d + ")").orElse("")});
        }
        table(out, rows);

        out.println();
        out.println("Notebooks");
        rows = new ArrayList<>();
        for (NotebookView v : s.notebooks()) {
            rows.add(new String[] {v.user() + (v.inConfig() ? "" : " (not in config)"), v.state(),
                v.instanceType().orElse(""), v.url().orElse(""), v.problem().orElse("")});
        }
        if (rows.isEmpty()) {
            out.println("  (no users in hailctl.yaml)");
        }
        table(out, rows);

        out.println();
        out.println("Clusters");
        for (ClusterView v : s.clusters()) {
            List<String> parts = new ArrayList<>();
            parts.add(v.name() + (v.inConfig() ? "" : v.adHoc() ? " (ad hoc)" : " (not in config)"));
            parts.add(v.state() + v.stateReason().map(r -> " (" + r + ")").orElse(""));
            v.clusterId().ifPresent(parts::add);
            out.println("  " + String.join("  ", parts));
            v.masterPublicDns().or(v::masterPrivateDns).ifPresent(m -> out.println("    master   " + m
                    + v.masterPrivateDns().filter(p -> v.masterPublicDns().isPresent() && !p.equals(v.masterPublicDns().get()))
                    .map(p -> " (private " + p + ")").orElse("")));
            v.livyUrl().ifPresent(l -> out.println("    Livy     " + l));
            if (!v.instanceGroups().isEmpty()) {
                List<String> groups = new ArrayList<>();
                v.instanceGroups().forEach(g -> groups.add(g.role() + " " + g.instanceType() + " " + g.running() + "/"
                        + g.requested() + ("SPOT".equals(g.market()) ? " spot" : "")));
                out.println("    groups   " + String.join(", ", groups) + " (running/requested)");
            }
            v.idleTimeoutMinutes().ifPresent(m -> out.println("    idle     " + (m == 0 ? "never terminates when idle"
                    : "terminates after " + m + " min idle") + v.idleTimeoutSource().map(src -> " (" + src + ")").orElse("")));
            v.hardStop().ifPresent(h -> out.println("    stops    " + ClusterText.at(h) + " (hard stop)"));
            v.problem().ifPresent(p -> out.println("    problem  " + p));
        }

        out.println();
        out.println("AMI");
        AmiView a = s.ami();
        out.println("  configured  " + a.source());
        out.println("  resolves to " + a.resolved().map(StatusText::ami).orElse("unknown")
                + a.resolvedDetail().map(d -> " (" + d + ")").orElse("") + a.problem().map(p -> " - " + p).orElse(""));
        out.println("  in use      " + a.inUse().map(StatusText::ami).orElse("not deployed"));
        out.println("  last build  " + a.lastBuild().map(b -> b.status() + " " + b.id()
                + b.phase().filter(p -> !p.equals("COMPLETED")).map(p -> " (phase " + p + ")").orElse("")
                + b.ended().or(b::started).map(t -> ", " + WHEN.format(t)).orElse("")).orElse("none")
                + a.published().map(p -> "; published AMI " + p).orElse(""));

        out.println();
        out.println("Seed");
        EnvironmentStatus.SeedView seed = s.seed();
        StringBuilder line = new StringBuilder("  ").append(seed.bucket().map(b -> "s3://" + b + "  ").orElse(""))
                .append(seed.state());
        if (seed.state().equals("changes pending")) {
            line.append(" (").append(seed.toUpload()).append(" of ").append(seed.files()).append(" files to upload: hailctl seed)");
        } else if (seed.state().equals("up to date")) {
            line.append(" (").append(seed.files()).append(" files)");
        }
        if (seed.extras() > 0) {
            line.append("; ").append(seed.extras()).append(" other objects under the seeded folders");
        }
        seed.problem().ifPresent(p -> line.append(" - ").append(p));
        out.println(line);

        if (!s.problems().isEmpty()) {
            out.println();
            out.println("Problems");
            s.problems().forEach(p -> out.println("  " + p));
        }
        out.flush();
    }

    private static String ami(String id) {
        return id.isEmpty() ? "the default EMR AMI" : id;
    }

    private static void table(PrintWriter out, List<String[]> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int cols = rows.get(0).length;
        int[] width = new int[cols];
        for (String[] r : rows) {
            for (int i = 0; i < cols; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        for (String[] r : rows) {
            StringBuilder sb = new StringBuilder("  ");
            for (int i = 0; i < cols; i++) {
                sb.append(i == cols - 1 ? r[i] : pad(r[i], width[i] + 2));
            }
            out.println(sb.toString().stripTrailing());
        }
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }

    static String when(Optional<Instant> t) {
        return t.map(WHEN::format).orElse("");
    }
}
