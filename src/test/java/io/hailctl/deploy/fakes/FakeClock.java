package io.hailctl.deploy.fakes;

import io.hailctl.deploy.Sleeper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** A clock that moves only when something sleeps on it; records every sleep. */
public final class FakeClock extends Clock implements Sleeper {
    private Instant now;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    public FakeClock() {
        this(Instant.parse("2026-11-25T12:00:00Z"));
    }

    public FakeClock(Instant start) {
        this.now = start;
    }

    @Override
    public synchronized Instant instant() {
        return now;
    }

    public synchronized void advance(Duration d) {
        now = now.plus(d);
    }

    @Override
    public void sleep(Duration d) throws InterruptedException {
        if (Thread.interrupted()) {
            throw new InterruptedException();
        }
        sleeps.add(d);
        advance(d);
    }

    public List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
