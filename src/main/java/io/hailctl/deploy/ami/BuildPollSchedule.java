package io.hailctl.deploy.ami;

import java.time.Duration;

/**
 * Waits between build polls: an AMI build runs 30 minutes to several hours in a few long phases,
 * so polls back off to 30 s; right after a phase changes (the next one often follows quickly) and
 * while a log is followed (a person is reading it) they stay at 5 s.
 */
final class BuildPollSchedule {
    private static final Duration FIRST = Duration.ofSeconds(2);
    private static final Duration ACTIVE = Duration.ofSeconds(5);
    private static final Duration QUIET_MAX = Duration.ofSeconds(30);

    private final Duration max;
    private Duration next = FIRST;

    BuildPollSchedule(boolean followingLog) {
        this.max = followingLog ? ACTIVE : QUIET_MAX;
    }

    Duration after(boolean sawNews) {
        Duration d = next;
        if (sawNews) {
            next = ACTIVE.compareTo(max) < 0 ? ACTIVE : max;
        } else {
            next = Duration.ofMillis(Math.min(Math.round(next.toMillis() * 1.5), max.toMillis()));
        }
        return d;
    }
}
