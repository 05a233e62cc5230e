package io.hailctl.deploy;

import java.time.Duration;

/** Waiting, made injectable so tests drive time with a fake clock instead of sleeping. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;

    Sleeper REAL = d -> Thread.sleep(d.toMillis());
}
