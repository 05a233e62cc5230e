package io.hailctl.deploy;

import io.hailctl.HailctlException;
import io.hailctl.plan.Step;

import java.time.Duration;
import java.util.Optional;

/** How one step of a run ended. */
public record StepResult(Step step, Status status, Optional<StepOutcome> outcome, Optional<HailctlException> failure,
                         Optional<String> skippedBecause, Duration took) {

    public enum Status { SUCCEEDED, FAILED, SKIPPED, INTERRUPTED }

    public static StepResult succeeded(Step step, StepOutcome outcome, Duration took) {
        return new StepResult(step, Status.SUCCEEDED, Optional.of(outcome), Optional.empty(), Optional.empty(), took);
    }

    public static StepResult failed(Step step, HailctlException failure, Duration took) {
        return new StepResult(step, Status.FAILED, Optional.empty(), Optional.of(failure), Optional.empty(), took);
    }

    public static StepResult skipped(Step step, String why) {
        return new StepResult(step, Status.SKIPPED, Optional.empty(), Optional.empty(), Optional.of(why), Duration.ZERO);
    }

    public static StepResult interrupted(Step step, Duration took) {
        return new StepResult(step, Status.INTERRUPTED, Optional.empty(), Optional.empty(), Optional.empty(), took);
    }
}
