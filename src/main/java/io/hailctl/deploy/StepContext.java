package io.hailctl.deploy;

import io.hailctl.progress.ProgressEvent;
import io.hailctl.progress.ProgressSink;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/** What a runner gets besides its step: where to report, how time passes, whether to stop. */
public record StepContext(String step, ProgressSink progress, Clock clock, Sleeper sleeper, Cancellation cancellation,
                          Confirmer confirmer, CallBudget budget, boolean waitForCompletion) {

    public void activity(String resource, String status, Optional<String> reason) {
        progress.emit(new ProgressEvent.StepActivity(clock.instant(), step, resource, status, reason));
    }

    public void note(String text) {
        progress.emit(new ProgressEvent.Note(clock.instant(), text));
    }

    /** Sleeps, but wakes up to notice a Ctrl-C at least every half second. */
    public void pause(Duration d) throws InterruptedException {
        Duration left = d;
        Duration slice = Duration.ofMillis(500);
        while (!left.isNegative() && !left.isZero()) {
            cancellation.check();
            Duration now = left.compareTo(slice) < 0 ? left : slice;
            sleeper.sleep(now);
            left = left.minus(now);
        }
        cancellation.check();
    }

    public StepContext forStep(String other) {
        return new StepContext(other, progress, clock, sleeper, cancellation, confirmer, budget, waitForCompletion);
    }
}
