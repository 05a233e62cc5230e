package io.hailctl.deploy.ami;

import java.time.Duration;

/**
 * Waits between build polls: an AMI build runs 30 minutes to several hours in a few long phases,
 * so quiet polls back off (×1.5) to 10 s; right after something changed (the next phase often
 * follows quickly) and while a log is followed (a person is reading it) they are 5 s apart.
 * The cap is the stacks' own ({@code PollSchedule}): in `deploy all` the build is on the critical path
 * (the clusters wait for its AMI), and the time-true benchmark (BENCHMARKS.md) measured its end noticed
 * late by up to the cap; 10 s instead of 30 s costs about 4 more reads a minute, far below the budget.
 */
final class BuildPollSchedule {
    private static final Duration ACTIVE = Duration.ofSeconds(5);
    private static final Duration QUIET_MAX = Duration.ofSeconds(10);

    private final Duration max;
    private Duration last = ACTIVE;

    BuildPollSchedule(boolean followingLog) {
        this.max = followingLog ? ACTIVE : QUIET_MAX;
    }

    /** The wait before the next poll, given whether the poll just made saw anything new. */
    Duration after(boolean sawNews) {
        last = sawNews ? ACTIVE : Duration.ofMillis(Math.min(Math.round(last.toMillis() * 1.5), max.toMillis()));
        return last;
    }
}
