package io.hailctl.local.standin.codebuild;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The log lines of one finished phase, in CodeBuild's format ({@code [Container] <time> ...}), with
 * the buildspec's commands. What the stand-in does not run (Packer, an instance) is said so in the
 * log, one line per command; the publish step's own output is logged as it happened.
 */
final class BuildLog {
    static final String NOT_RUN = "hailctl emulator stand-in: not run under --local (no Packer, no instance)";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss.SSSSSS")
            .withZone(ZoneOffset.UTC);

    private BuildLog() {
    }

    /**
     * {@code phase} (finished), its buildspec {@code commands}, the output of the commands the
     * stand-in does run ({@code ran}: the publish step's lines, keyed by command), and the command
     * that fails when the phase failed (the phase ends there).
     */
    static List<BuildLogSink.Event> of(BuildTimeline.Phase phase, List<String> commands, java.util.Map<String, List<String>> ran,
                                       Optional<String> failing) {
        List<String> messages = new ArrayList<>();
        if (phase.type().equals("PROVISIONING")) {
            messages.add(container("Running on CodeBuild On-demand (hailctl emulator stand-in)"));
        }
        messages.add(container("Entering phase " + phase.type()));
        Optional<String> failure = phase.failure();
        for (String command : commands) {
            messages.add(container("Running command " + command));
            if (failure.isPresent() && failing.filter(command::equals).isPresent()) {
                messages.add("hailctl emulator stand-in: this command fails (" + BuildFailure.VARIABLE + "="
                        + phase.type() + ")");
                messages.add(container("Command did not exit successfully " + command + " exit status 1"));
                break;
            }
            messages.addAll(ran.getOrDefault(command, List.of(NOT_RUN)));
        }
        String status = phase.status().orElse("SUCCEEDED");
        messages.add(container("Phase complete: " + phase.type() + " State: " + status));
        messages.add(container("Phase context status code: " + failure.map(f -> f.split(": ", 2)[0]).orElse("")
                + " Message: " + failure.map(f -> f.contains(": ") ? f.split(": ", 2)[1] : "").orElse("")));
        // Spread over the phase so that every line has its own, increasing time.
        Instant start = phase.start();
        long span = Math.max(1, Duration.between(start, phase.end().orElse(start)).toMillis());
        List<BuildLogSink.Event> lines = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            Instant at = start.plusMillis(span * i / messages.size());
            lines.add(new BuildLogSink.Event(at, messages.get(i).replace("{time}", TIME.format(at))));
        }
        return lines;
    }

    private static String container(String message) {
        return "[Container] {time} " + message;
    }
}
