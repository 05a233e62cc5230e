package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

/**
 * A step failed in AWS. The message is the root cause (the first failing resource and its reason,
 * or the service's own reason), not "see the console".
 */
public final class StepFailedException extends HailctlException {
    public StepFailedException(String rootCause, String hint) {
        super(ExitCode.FAILED, rootCause, hint);
    }

    public StepFailedException(ExitCode code, String rootCause, String hint) {
        super(code, rootCause, hint);
    }
}
