package io.hailctl.local.standin.codebuild;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * CodeBuild's phases of one build, in order, each lasting a fixed (short) time: the stand-in's
 * build is wherever this timeline says it is at the moment it is read, so every reader (one
 * hailctl, or another that attaches later) sees the same build advance. A build made to fail fails
 * in the given phase with CodeBuild's reason, then goes on as CodeBuild does: after a failed BUILD
 * the POST_BUILD phase still runs (publish-ami.sh then publishes nothing), after an earlier failure
 * the build goes straight to FINALIZING.
 */
final class BuildTimeline {
    /** The phases a build goes through, in CodeBuild's order; COMPLETED has no status and no end. */
    static final List<String> PHASES = List.of("SUBMITTED", "QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL",
            "PRE_BUILD", "BUILD", "POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING", "COMPLETED");
    /** The phases that run buildspec commands: the ones a build can be made to fail in. */
    static final Set<String> COMMAND_PHASES = Set.of("INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD");

    /** One phase as a reader sees it: {@code end} and {@code status} are empty while it runs. */
    record Phase(String type, Instant start, Optional<Instant> end, Optional<String> status, Optional<String> failure) {
        long durationSeconds() {
            return end.map(e -> Duration.between(start, e).toSeconds()).orElse(0L);
        }
    }

    /** The whole build at one moment. */
    record Progress(List<Phase> phases, String status, Optional<Instant> end) {
        String currentPhase() {
            return phases.get(phases.size() - 1).type();
        }

        boolean complete() {
            return end.isPresent();
        }
    }

    private final Function<String, Duration> phaseLength;

    /** {@code perPhase}: how long each phase (but SUBMITTED and COMPLETED) lasts. */
    BuildTimeline(Duration perPhase) {
        this(type -> perPhase);
    }

    /** {@code phaseLength}: how long each phase (by type; SUBMITTED and COMPLETED are instants) lasts. */
    BuildTimeline(Function<String, Duration> phaseLength) {
        this.phaseLength = phaseLength;
    }

    /** The phases as long as a lifecycle's (the time-true mode's AMI build); phases it does not list take no time. */
    static BuildTimeline of(io.hailctl.local.timing.Lifecycle lifecycle) {
        Map<String, Duration> byType = new java.util.HashMap<>();
        lifecycle.phases().forEach(p -> byType.put(p.state(), p.duration()));
        return new BuildTimeline(type -> byType.getOrDefault(type, Duration.ZERO));
    }

    /** The build started at {@code start}, read at {@code now}; {@code failIn} (a command phase) fails with {@code reason}. */
    Progress at(Instant start, Instant now, Optional<String> failIn, String reason) {
        List<Phase> out = new ArrayList<>();
        boolean failed = false;
        Instant t = start;
        for (String type : PHASES) {
            if (failed && skippedAfterFailure(failIn.orElseThrow(), type)) {
                continue;
            }
            if (type.equals("COMPLETED")) {
                out.add(new Phase(type, t, Optional.empty(), Optional.empty(), Optional.empty()));
                return new Progress(out, failed ? "FAILED" : "SUCCEEDED", Optional.of(t));
            }
            Instant end = type.equals("SUBMITTED") ? t : t.plus(phaseLength.apply(type));
            if (now.isBefore(end)) {
                out.add(new Phase(type, t, Optional.empty(), Optional.empty(), Optional.empty()));
                return new Progress(out, "IN_PROGRESS", Optional.empty());
            }
            boolean failsHere = failIn.filter(type::equals).isPresent();
            out.add(new Phase(type, t, Optional.of(end), Optional.of(failsHere ? "FAILED" : "SUCCEEDED"),
                    failsHere ? Optional.of(reason) : Optional.empty()));
            failed |= failsHere;
            t = end;
        }
        throw new IllegalStateException("unreachable: the timeline ends with COMPLETED");
    }

    /** How long a build takes from start to COMPLETED when nothing fails. */
    Duration total() {
        return PHASES.subList(1, PHASES.size() - 1).stream().map(phaseLength).reduce(Duration.ZERO, Duration::plus);
    }

    private static boolean skippedAfterFailure(String failedPhase, String type) {
        int failed = PHASES.indexOf(failedPhase);
        int here = PHASES.indexOf(type);
        if (here <= failed) {
            return false;
        }
        // CodeBuild: a failed BUILD still runs POST_BUILD and UPLOAD_ARTIFACTS; earlier failures go to FINALIZING.
        if (failedPhase.equals("BUILD") || failedPhase.equals("POST_BUILD")) {
            return false;
        }
        return !(type.equals("FINALIZING") || type.equals("COMPLETED"));
    }
}
