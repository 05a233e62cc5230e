package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything a run did, in plan order: the source of the final summary and the exit code. */
public record RunReport(List<StepResult> results, Duration took) {
    public RunReport {
        results = List.copyOf(results);
    }

    public boolean ok() {
        return results.stream().allMatch(r -> r.status() == StepResult.Status.SUCCEEDED);
    }

    public boolean interrupted() {
        return results.stream().anyMatch(r -> r.status() == StepResult.Status.INTERRUPTED);
    }

    public Optional<StepResult> result(String stepId) {
        return results.stream().filter(r -> r.step().id().value().equals(stepId)).findFirst();
    }

    /** The documented exit code: interrupted wins, then the first failure's own code. */
    public ExitCode exitCode() {
        if (interrupted()) {
            return ExitCode.INTERRUPTED;
        }
        return results.stream().map(StepResult::failure).flatMap(Optional::stream)
                .map(HailctlException::exitCode).findFirst()
                .orElse(ok() ? ExitCode.OK : ExitCode.FAILED);
    }
}
