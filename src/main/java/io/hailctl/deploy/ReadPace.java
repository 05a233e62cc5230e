package io.hailctl.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A sliding-window limit on read calls: at most {@code limit} may start within any {@code window}.
 * A token bucket cannot promise that (with a burst of B and a rate of R it lets B + R start within one
 * second), and the promise is hailctl's rule towards AWS: at most 4 control-plane reads in any second
 * (BENCHMARKS.md, "Time-true emulator": CloudFormation and the other control planes throttle per account
 * and region, shared with every other caller). The caller decides what a read is; this class only counts
 * starts. Time comes from the injected clock and sleeper.
 */
public final class ReadPace {
    /** The rule: 4 reads per second. */
    public static final int LIMIT = 4;
    /**
     * One second plus a margin: the server stamps a request when it arrives, after our send, and the delay
     * varies by tens of milliseconds on a busy machine or network; with an exact second, five starts just
     * over a second apart can arrive within one.
     */
    public static final Duration WINDOW = Duration.ofMillis(1100);

    private final Clock clock;
    private final Sleeper sleeper;
    private final int limit;
    private final Duration window;
    /** When the reads still inside the window started, oldest first. */
    private final Deque<Instant> started = new ArrayDeque<>();
    private long granted;

    public ReadPace(Clock clock, Sleeper sleeper, int limit, Duration window) {
        if (limit < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("limit must be >= 1 and window > 0, got " + limit + " per " + window);
        }
        this.clock = clock;
        this.sleeper = sleeper;
        this.limit = limit;
        this.window = window;
    }

    public static ReadPace standard(Clock clock, Sleeper sleeper) {
        return new ReadPace(clock, sleeper, LIMIT, WINDOW);
    }

    /** Returns once a read may start now (and counts it as started); waits while the window is full. */
    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                Instant now = clock.instant();
                while (!started.isEmpty() && !started.peekFirst().plus(window).isAfter(now)) {
                    started.removeFirst();
                }
                if (started.size() < limit) {
                    started.addLast(now);
                    granted++;
                    return;
                }
                // The oldest start leaves the window at oldest + window: the earliest moment a slot opens.
                wait = Duration.between(now, started.peekFirst().plus(window));
            }
            sleeper.sleep(wait);
        }
    }

    public synchronized long granted() {
        return granted;
    }
}
