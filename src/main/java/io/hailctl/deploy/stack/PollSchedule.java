package io.hailctl.deploy.stack;

import java.time.Duration;

/**
 * How long to wait between polls: fast right after an operation starts (most stacks finish small
 * steps in seconds), backing off through the long middle of a 10-20 minute EMR or notebook create,
 * and fast again while events keep arriving.
 */
public final class PollSchedule {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration ACTIVE = Duration.ofSeconds(2);
    private static final Duration MAX = Duration.ofSeconds(10);

    private Duration next = FIRST;

    /** The wait before the next poll, given whether the last poll saw anything new. */
    public Duration after(boolean sawEvents) {
        Duration d = next;
        if (sawEvents) {
            next = ACTIVE;
        } else {
            long grown = Math.round(next.toMillis() * 1.5);
            next = Duration.ofMillis(Math.min(grown, MAX.toMillis()));
        }
        return d;
    }
}
