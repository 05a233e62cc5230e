package io.hailctl;

import java.util.List;
import java.util.Optional;

/**
 * An error a user can cause or fix. Its message is one clear sentence naming the offending value;
 * the CLI prints it on one line (plus the optional hint) and exits with {@link #exitCode()}.
 * Stack traces are shown only with {@code -v}.
 */
public class HailctlException extends RuntimeException {
    private final ExitCode exitCode;
    private final String hint;

    public HailctlException(ExitCode exitCode, String message) {
        this(exitCode, message, null, null);
    }

    public HailctlException(ExitCode exitCode, String message, String hint) {
        this(exitCode, message, hint, null);
    }

    public HailctlException(ExitCode exitCode, String message, String hint, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
        this.hint = hint;
    }

    public ExitCode exitCode() {
        return exitCode;
    }

    public Optional<String> hint() {
        return Optional.ofNullable(hint);
    }

    /** The lines printed for this error; one, unless a subclass has several problems to name. */
    public List<String> messageLines() {
        return List.of(getMessage());
    }
}
