package io.hailctl.progress;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * One line per event, in the order they happen: for CI logs and anything that is not a terminal.
 * Each line starts with the time since the run began and the step, so interleaved parallel steps
 * stay readable.
 */
public final class PlainRenderer implements ProgressSink {
    private final PrintWriter out;
    private final Instant start;
    private final boolean quiet;

    public PlainRenderer(PrintWriter out, Instant start, boolean quiet) {
        this.out = out;
        this.start = start;
        this.quiet = quiet;
    }

    @Override
    public synchronized void emit(ProgressEvent event) {
        String line = null;
        // Java 17: no pattern matching in switch yet, hence the instanceof chain.
        if (event instanceof ProgressEvent.StepStarted s) {
            line = quiet ? null : prefix(s.at(), s.step()) + Actions.ongoing(s.action()) + " " + s.title();
        } else if (event instanceof ProgressEvent.StepActivity a) {
            line = quiet ? null : prefix(a.at(), a.step()) + a.resource() + " " + a.status()
                    + a.reason().map(r -> ": " + r).orElse("");
        } else if (event instanceof ProgressEvent.StepFinished f) {
            line = quiet ? null : prefix(f.at(), f.step()) + f.change()
                    + " in " + Durations.human(f.took()) + f.detail().map(d -> "\n" + indent(d)).orElse("");
        } else if (event instanceof ProgressEvent.StepFailed f) {
            line = prefix(f.at(), f.step()) + "FAILED after " + Durations.human(f.took())
                    + ": " + f.rootCause() + f.hint().map(h -> "\n    " + h).orElse("");
        } else if (event instanceof ProgressEvent.StepSkipped s) {
            line = prefix(s.at(), s.step()) + "skipped: " + s.why();
        } else if (event instanceof ProgressEvent.Note n) {
            line = quiet ? null : prefix(n.at(), "note") + n.text();
        }
        if (line != null) {
            out.println(line);
            out.flush();
        }
    }

    private String prefix(Instant at, String step) {
        long s = Math.max(0, Duration.between(start, at).toSeconds());
        return String.format("[%3d:%02d] %-20s ", s / 60, s % 60, step);
    }

    private static String indent(String text) {
        return "    " + text.replace("\n", "\n    ");
    }
}
