package io.hailctl.cli;

import io.hailctl.deploy.RunReport;
import io.hailctl.deploy.StepResult;
import io.hailctl.plan.StackStep;
import io.hailctl.progress.Durations;
import io.hailctl.progress.Json;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The end of a run: counts, one line per step with its key outputs, every failure's root cause. */
final class RunSummary {
    /** The outputs worth a person's attention, per step kind. */
    private static final List<String> KEY_OUTPUTS = List.of("NotebookUrl", "ClusterId", "AmiId", "JupyterBucket",
            "HailBucket", "LogBucket", "BuildProjectName", "AccessPointId");

    private RunSummary() {
    }

    static void text(RunReport report, PrintWriter out, String verb) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (StepResult r : report.results()) {
            String key = switch (r.status()) {
                case SUCCEEDED -> r.outcome().orElseThrow().change().words();
                case FAILED -> "failed";
                case SKIPPED -> "skipped";
                case INTERRUPTED -> "interrupted";
            };
            counts.merge(key, 1, Integer::sum);
        }
        List<String> parts = new ArrayList<>();
        counts.forEach((k, v) -> parts.add(v + " " + k));
        out.println();
        out.println(verb + " " + (report.ok() ? "done" : report.interrupted() ? "interrupted" : "FAILED") + " in "
                + Durations.human(report.took()) + ": " + String.join(", ", parts));
        int width = report.results().stream().mapToInt(r -> r.step().id().value().length()).max().orElse(10);
        for (StepResult r : report.results()) {
            String what = switch (r.status()) {
                case SUCCEEDED -> r.outcome().orElseThrow().change().words();
                case FAILED -> "FAILED";
                case SKIPPED -> "skipped";
                case INTERRUPTED -> "interrupted";
            };
            StringBuilder line = new StringBuilder(String.format("  %-" + width + "s %-15s %7s", r.step().id(), what,
                    r.status() == StepResult.Status.SKIPPED ? "" : Durations.human(r.took())));
            r.skippedBecause().ifPresent(w -> line.append("  (").append(w).append(')'));
            out.println(line.toString().stripTrailing());
            // Key outputs on their own lines: URLs are long, and people copy them.
            r.outcome().ifPresent(o -> KEY_OUTPUTS.forEach(k -> {
                String v = o.outputs().get(k);
                if (v != null && !v.isEmpty()) {
                    out.println("  " + " ".repeat(width) + "   " + k + ": " + v);
                }
            }));
        }
        for (StepResult r : report.results()) {
            r.failure().ifPresent(f -> {
                out.println();
                out.println("✗ " + r.step().id() + " (" + r.step().title() + "): " + f.getMessage());
                f.hint().ifPresent(h -> out.println("  " + h));
            });
        }
        out.flush();
    }

    static void json(RunReport report, PrintWriter out, String command) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("event", "summary");
        doc.put("command", command);
        doc.put("ok", report.ok());
        doc.put("exitCode", report.exitCode().code());
        doc.put("seconds", report.took().toMillis() / 1000.0);
        List<Object> steps = new ArrayList<>();
        for (StepResult r : report.results()) {
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("step", r.step().id().value());
            s.put("title", r.step().title());
            s.put("component", r.step().component().tag());
            if (r.step() instanceof StackStep st) {
                s.put("stack", st.stackName());
            }
            s.put("status", r.status().name().toLowerCase());
            s.put("change", r.outcome().map(o -> o.change().words()));
            s.put("seconds", r.took().toMillis() / 1000.0);
            s.put("outputs", r.outcome().map(o -> (Object) o.outputs()).orElse(Map.of()));
            s.put("details", r.outcome().map(o -> (Object) o.details()).orElse(List.of()));
            s.put("rootCause", r.failure().map(Throwable::getMessage));
            s.put("hint", r.failure().flatMap(f -> f.hint()));
            s.put("skippedBecause", r.skippedBecause());
            steps.add(s);
        }
        doc.put("steps", steps);
        out.println(Json.write(doc));
        out.flush();
    }
}
