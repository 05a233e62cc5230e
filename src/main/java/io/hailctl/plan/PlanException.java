package io.hailctl.plan;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

/** A plan that cannot run: a cycle, or an input naming a step or output that does not exist. */
public final class PlanException extends HailctlException {
    public PlanException(String message) {
        super(ExitCode.INTERNAL, message);
    }
}
