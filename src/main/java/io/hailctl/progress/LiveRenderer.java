package io.hailctl.progress;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * For a person at a terminal: one line per step, redrawn in place as steps start, report activity
 * and finish (with elapsed time ticking), so parallel steps stay readable. Failures and notes are
 * printed once above the table and stay in the scroll-back.
 */
public final class LiveRenderer implements ProgressSink, AutoCloseable {
    private static final String[] SPINNER = {"⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"};

    private final PrintWriter out;
    private final Clock clock;
    private final boolean color;
    private final int width;
    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private int drawn;
    private int frame;

    public LiveRenderer(PrintWriter out, Clock clock, boolean color, int width, boolean tick) {
        this.out = out;
        this.clock = clock;
        this.color = color;
        this.width = Math.max(40, width);
        if (tick) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "hailctl-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::redraw, 1, 1, TimeUnit.SECONDS);
        } else {
            ticker = null;
        }
    }

    private static final class Row {
        final String step;
        String title;
        String state = "waiting";
        String activity = "";
        Instant started;
        Duration took;
        Status status = Status.RUNNING;

        Row(String step, String title) {
            this.step = step;
            this.title = title;
        }
    }

    private enum Status { RUNNING, DONE, UNCHANGED, FAILED, SKIPPED }

    @Override
    public synchronized void emit(ProgressEvent event) {
        List<String> permanent = new ArrayList<>();
        if (event instanceof ProgressEvent.StepStarted s) {
            Row row = rows.computeIfAbsent(s.step(), k -> new Row(s.step(), s.title()));
            row.title = s.title();
            row.state = Actions.ongoing(s.action());
            row.started = s.at();
        } else if (event instanceof ProgressEvent.StepActivity a) {
            Row row = rows.get(a.step());
            if (row != null) {
                row.activity = a.resource() + " " + a.status();
            }
        } else if (event instanceof ProgressEvent.StepFinished f) {
            Row row = rows.computeIfAbsent(f.step(), k -> new Row(f.step(), f.title()));
            row.state = f.change();
            row.took = f.took();
            row.activity = "";
            row.status = f.change().equals("unchanged") || f.change().equals("read") ? Status.UNCHANGED : Status.DONE;
        } else if (event instanceof ProgressEvent.StepFailed f) {
            Row row = rows.computeIfAbsent(f.step(), k -> new Row(f.step(), f.title()));
            row.state = "failed";
            row.took = f.took();
            row.activity = "";
            row.status = Status.FAILED;
            permanent.add(paint("31", "✗ " + f.step() + ": " + f.rootCause()));
            f.hint().ifPresent(h -> permanent.add("  " + h));
        } else if (event instanceof ProgressEvent.StepSkipped s) {
            Row row = rows.computeIfAbsent(s.step(), k -> new Row(s.step(), s.title()));
            row.state = "skipped (" + s.why() + ")";
            row.status = Status.SKIPPED;
        } else if (event instanceof ProgressEvent.Note n) {
            permanent.add(paint("33", "note: " + n.text()));
        }
        draw(permanent);
    }

    private synchronized void redraw() {
        frame++;
        draw(List.of());
    }

    private void draw(List<String> permanent) {
        StringBuilder sb = new StringBuilder();
        if (drawn > 0) {
            sb.append("\u001b[").append(drawn).append('A');
        }
        for (String line : permanent) {
            sb.append("\u001b[2K").append(line).append('\n');
        }
        int nameWidth = rows.keySet().stream().mapToInt(String::length).max().orElse(8);
        for (Row row : rows.values()) {
            sb.append("\u001b[2K").append(render(row, nameWidth)).append('\n');
        }
        drawn = rows.size();
        out.print(sb);
        out.flush();
    }

    private String render(Row row, int nameWidth) {
        String icon = switch (row.status) {
            case RUNNING -> paint("36", SPINNER[frame % SPINNER.length]);
            case DONE -> paint("32", "✓");
            case UNCHANGED -> paint("2", "=");
            case FAILED -> paint("31", "✗");
            case SKIPPED -> paint("2", "-");
        };
        Duration elapsed = row.took != null ? row.took
                : row.started == null ? Duration.ZERO : Duration.between(row.started, clock.instant());
        String time = row.status == Status.SKIPPED ? "" : Durations.human(elapsed);
        String text = String.format("%-" + nameWidth + "s  %-14s %7s  %s", row.step, row.state, time,
                row.activity.isEmpty() ? row.title : row.activity);
        int room = width - 2;
        if (text.length() > room) {
            text = text.substring(0, room - 1) + "…";
        }
        return icon + " " + text;
    }

    private String paint(String code, String text) {
        return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
    }

    @Override
    public void close() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
        synchronized (this) {
            draw(List.of());
        }
    }
}
