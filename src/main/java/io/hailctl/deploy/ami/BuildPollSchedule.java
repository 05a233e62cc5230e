package io.hailctl.deploy.ami;

import java.time.Duration;
import java.util.Set;

/**
 * Waits between build polls: an AMI build runs 30 minutes to several hours in a few long phases,
 * so quiet polls back off (×1.5) to 10 s; right after something changed (the next phase often
 * follows quickly) and while a log is followed (a person is reading it) they are 5 s apart.
 * The cap is the stacks' own ({@code PollSchedule}): in `deploy all` the build is on the critical path
 * (the clusters wait for its AMI), and the time-true benchmark (BENCHMARKS.md) measured its end noticed
 * late by up to the cap; 10 s instead of 30 s costs about 4 more reads a minute, far below the budget.
 * <p>
 * Once the build is in its closing phases ({@link #CLOSING}: the buildspec's post-build commands, the
 * artifact upload, CodeBuild's finalising) its end is usually seconds away, not minutes: each closing phase
 * seen for the first time restarts the back-off from 1 s (1, 1.5, 2.3, 3.4 s...), so the end is noticed
 * within a second or two instead of up to the cap. A few more reads per build; a closing phase that runs
 * long (a slow post-build command) backs off to the cap again, so it costs no more than any other phase.
 */
final class BuildPollSchedule {
    private static final Duration ACTIVE = Duration.ofSeconds(5);
    private static final Duration QUIET_MAX = Duration.ofSeconds(10);
    private static final Duration CLOSING_FIRST = Duration.ofSeconds(1);
    /** CodeBuild's phases after BUILD (CodeBuild User Guide, "Build phase transitions"). */
    static final Set<String> CLOSING = Set.of("POST_BUILD", "UPLOAD_ARTIFACTS", "FINALIZING");

    private final Duration max;
    private Duration last = ACTIVE;
    /** The phase of the last read, to see a closing phase begin. */
    private String phase = "";

    BuildPollSchedule(boolean followingLog) {
        this.max = followingLog ? ACTIVE : QUIET_MAX;
    }

    /** The wait before the next poll, given whether the poll just made saw anything new. */
    Duration after(boolean sawNews) {
        last = sawNews ? ACTIVE : Duration.ofMillis(Math.min(Math.round(last.toMillis() * 1.5), max.toMillis()));
        return last;
    }

    /** As {@link #after(boolean)}, for a build read in {@code currentPhase}: fast as it closes. */
    Duration after(boolean sawNews, String currentPhase) {
        boolean entered = !currentPhase.equals(phase);
        phase = currentPhase;
        if (!CLOSING.contains(currentPhase)) {
            return after(sawNews);
        }
        last = entered ? CLOSING_FIRST : Duration.ofMillis(Math.min(Math.round(last.toMillis() * 1.5), max.toMillis()));
        return last;
    }
}
