package io.hailctl.testing;

import io.hailctl.deploy.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

/** A clock that only moves when something sleeps on it (or a test advances it): waits cost no time. */
public final class FakeClock extends Clock {
    private final AtomicReference<Instant> now;

    public FakeClock() {
        this(Instant.parse("2025-01-01T00:00:00Z"));
    }

    public FakeClock(Instant start) {
        this.now = new AtomicReference<>(start);
    }

    public void advance(Duration d) {
        now.updateAndGet(i -> i.plus(d));
    }

    /** Sleeping advances this clock instead of the thread. */
    public Sleeper sleeper() {
        return this::advance;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return now.get();
    }
}
