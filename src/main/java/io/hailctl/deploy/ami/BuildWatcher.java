package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.progress.Durations;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Follows one CodeBuild build to its end: reports each phase once as it starts and ends (CodeBuild
 * repeats the whole phase list on every read), optionally streams the log, and turns a bad end into
 * one line naming the failed phase and CodeBuild's reason, after printing the log's last lines.
 * Waiting is bounded by the build's own timeouts, so hailctl never gives up before CodeBuild would.
 * Ctrl-C stops the waiting only: the build keeps running and can be attached to again.
 */
public final class BuildWatcher {
    /** Beyond the build's queue and run timeouts: CodeBuild's own bookkeeping after a timeout. */
    static final Duration GRACE = Duration.ofMinutes(15);
    /** CodeBuild's maximum, for a build that reports no timeout. */
    private static final int MAX_MINUTES = 8 * 60;
    static final int TAIL_LINES = 20;
    /** The pseudo-phase of a finished build: nothing to report. */
    private static final String COMPLETED = "COMPLETED";

    private final AmiBuilds builds;
    private final BuildLogs logs;

    public BuildWatcher(AmiBuilds builds, BuildLogs logs) {
        this.builds = builds;
        this.logs = logs;
    }

    /** Waits for {@code build} (as just read) to end; returns it when it SUCCEEDED, throws otherwise. */
    public Build await(Build build, boolean followLog, StepContext ctx) throws InterruptedException {
        Instant deadline = deadline(build, ctx.clock().instant());
        Map<String, String> reported = new HashMap<>();
        BuildPollSchedule schedule = new BuildPollSchedule(followLog);
        Optional<String> token = Optional.empty();
        Build current = build;
        try {
            while (true) {
                boolean news = reportPhases(current, reported, ctx);
                if (followLog && current.logs().isPresent()) {
                    ctx.budget().acquire();
                    BuildLogs.Page page = logs.after(current.logs().get(), token);
                    page.lines().forEach(line -> ctx.activity("log", line, Optional.empty()));
                    if (page.next().isPresent()) {
                        token = page.next();
                    }
                    news |= !page.lines().isEmpty();
                }
                if (current.status() == BuildStatus.SUCCEEDED) {
                    return current;
                }
                if (current.status().finished()) {
                    throw failure(current, followLog, ctx);
                }
                if (!ctx.clock().instant().isBefore(deadline)) {
                    throw new StepFailedException(ExitCode.FAILED, "build " + current.id() + " is still IN_PROGRESS (phase "
                            + current.currentPhase() + ") after waiting until its timeouts ("
                            + minutes(current.queuedTimeoutMinutes()) + " min queued + " + minutes(current.timeoutMinutes())
                            + " min running) had passed", reattach(current.id()));
                }
                ctx.pause(schedule.after(news, current.currentPhase()));
                ctx.budget().acquire();
                String id = current.id();
                current = builds.build(id).orElseThrow(() -> new StepFailedException(ExitCode.FAILED,
                        "build " + id + " can no longer be found in CodeBuild", null));
            }
        } catch (Cancellation.Detached e) {
            ctx.note("detached from build " + current.id() + ": it keeps running in CodeBuild (Ctrl-C does not stop it); "
                    + reattach(current.id()));
            throw e;
        }
    }

    static String reattach(String buildId) {
        return "Re-attach with: hailctl build-ami --attach " + buildId;
    }

    private static Instant deadline(Build build, Instant now) {
        Instant from = build.startTime().filter(t -> t.isBefore(now)).orElse(now);
        return from.plus(Duration.ofMinutes(minutes(build.queuedTimeoutMinutes()) + minutes(build.timeoutMinutes())))
                .plus(GRACE);
    }

    private static int minutes(int m) {
        return m > 0 ? m : MAX_MINUTES;
    }

    /** Reports what changed since the last read; true when something did. */
    private static boolean reportPhases(Build build, Map<String, String> reported, StepContext ctx) {
        boolean news = false;
        for (BuildPhase phase : build.phases()) {
            if (phase.type().equals(COMPLETED)) {
                continue;
            }
            String status = phase.status().orElse("IN_PROGRESS");
            if (status.equals(reported.get(phase.type()))) {
                continue;
            }
            reported.put(phase.type(), status);
            news = true;
            ctx.activity(phase.type(), status, describe(phase));
        }
        return news;
    }

    private static Optional<String> describe(BuildPhase phase) {
        if (phase.status().isEmpty()) {
            return Optional.empty();
        }
        String took = phase.durationSeconds().filter(s -> s > 0).map(s -> Durations.human(Duration.ofSeconds(s)))
                .orElse("");
        Optional<String> why = reason(phase);
        if (why.isPresent() && BuildPhase.isFailure(phase.status().get())) {
            return why;
        }
        return took.isEmpty() ? Optional.empty() : Optional.of(took);
    }

    private static Optional<String> reason(BuildPhase phase) {
        List<String> lines = phase.contexts().stream().map(String::strip).filter(c -> !c.isEmpty() && !c.equals(":"))
                .toList();
        return lines.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", lines));
    }

    private StepFailedException failure(Build build, boolean followed, StepContext ctx) throws InterruptedException {
        Optional<BuildPhase> phase = build.failedPhase();
        StringBuilder message = new StringBuilder("build " + build.id() + " " + build.status());
        phase.ifPresent(p -> message.append(" in phase ").append(p.type()));
        phase.flatMap(BuildWatcher::reason).ifPresent(r -> message.append(": ").append(r));
        if (build.status() == BuildStatus.TIMED_OUT) {
            message.append(" (the project's timeout is ").append(minutes(build.timeoutMinutes())).append(" min)");
        }
        String hint = switch (build.status()) {
            case STOPPED -> "Someone stopped it (console or `aws codebuild stop-build`); start a new one: hailctl build-ami.";
            case TIMED_OUT -> "VEP builds copy tens of GB: raise BuildTimeoutMinutes of the AMI stack if it was close, then re-run.";
            default -> "Fix the cause and re-run: hailctl build-ami.";
        };
        if (build.logs().isPresent()) {
            Build.LogLocation log = build.logs().get();
            if (!followed) {
                ctx.budget().acquire();
                List<String> tail = logs.tail(log, TAIL_LINES);
                if (!tail.isEmpty()) {
                    // Notes, not activity: a live terminal table keeps notes on screen, activity only as a row's latest.
                    ctx.note("last " + tail.size() + " lines of the log of build " + build.id() + ":");
                    tail.forEach(line -> ctx.note("  " + line));
                }
            }
            hint += " Full log: aws logs tail " + log.group() + " --log-stream-names " + log.stream() + " --since 1d";
        }
        return new StepFailedException(ExitCode.FAILED, message.toString(), hint);
    }
}
