package io.hailctl.deploy;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Set by Ctrl-C: every wait checks it, so the run stops waiting at once and reports how to resume.
 * What was started in AWS keeps going there.
 */
public final class Cancellation {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }

    /** Throws {@link Detached} when cancelled. */
    public void check() {
        if (cancelled.get()) {
            throw new Detached();
        }
    }

    /** Thrown out of a wait when the user interrupted the run. */
    public static final class Detached extends RuntimeException {
        public Detached() {
            super("detached on request", null, false, false);
        }
    }
}
