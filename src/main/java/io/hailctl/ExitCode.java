package io.hailctl;

/**
 * The documented exit codes (README "Exit codes"). Numbers are part of the public contract:
 * scripts and CI depend on them, so never renumber.
 */
public enum ExitCode {
    /** Everything asked for is done (including "nothing to change"). */
    OK(0),
    /** A deployment, build or other AWS operation was attempted and failed. */
    FAILED(1),
    /** Bad command line or invalid hailctl.yaml; nothing was written to AWS. */
    USAGE(2),
    /** Refused by a pre-flight check or an unsafe state (subnet mismatch, missing AMI, stack stuck); nothing was written. */
    REFUSED(3),
    /** AWS could not be reached or refused us: region, credentials, profile, endpoint, permissions. */
    AWS_ACCESS(4),
    /** The command exists but is not implemented in this version. */
    NOT_IMPLEMENTED(5),
    /** A bug in hailctl: an unexpected exception. */
    INTERNAL(70),
    /** Interrupted by the user (Ctrl-C); what was running in AWS keeps running. */
    INTERRUPTED(130);

    private final int code;

    ExitCode(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }
}
