package io.hailctl.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * One token bucket for describe/poll calls, shared by every parallel watcher, so N stacks do not
 * mean N times the API traffic (CloudFormation throttles per account and region, shared with every
 * other caller). Time comes from the injected clock and sleeper.
 */
public final class CallBudget {
    private final Clock clock;
    private final Sleeper sleeper;
    private final double perSecond;
    private final double burst;
    private double tokens;
    private Instant last;
    private long granted;

    public CallBudget(Clock clock, Sleeper sleeper, double perSecond, double burst) {
        this.clock = clock;
        this.sleeper = sleeper;
        this.perSecond = perSecond;
        this.burst = burst;
        this.tokens = burst;
        this.last = clock.instant();
    }

    /**
     * The default: 4 calls a second sustained, well under observed throttling (~5-10/s sustained), with
     * a burst of 16 so a run's first reads (every stack at once) do not queue 250 ms apart
     * (measured in BENCHMARKS.md: a burst of 4 made a fresh deploy wait on itself for seconds).
     */
    public static CallBudget standard(Clock clock, Sleeper sleeper) {
        return new CallBudget(clock, sleeper, 4, 16);
    }

    public void acquire() throws InterruptedException {
        while (true) {
            Duration wait;
            synchronized (this) {
                refill();
                if (tokens >= 1) {
                    tokens -= 1;
                    granted++;
                    return;
                }
                wait = Duration.ofMillis((long) Math.ceil((1 - tokens) / perSecond * 1000));
            }
            sleeper.sleep(wait);
        }
    }

    public synchronized long granted() {
        return granted;
    }

    private void refill() {
        Instant now = clock.instant();
        double elapsed = Duration.between(last, now).toNanos() / 1e9;
        if (elapsed > 0) {
            tokens = Math.min(burst, tokens + elapsed * perSecond);
            last = now;
        }
    }
}
