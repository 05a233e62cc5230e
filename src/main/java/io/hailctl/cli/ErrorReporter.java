package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.aws.AwsFailures;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

import java.io.PrintWriter;
import java.util.Optional;

/**
 * The single place where failures become what a user sees: one clear line (several for a config
 * with several problems), an optional hint, the documented exit code. Stack traces only with -v.
 */
final class ErrorReporter implements IExecutionExceptionHandler {
    private final Host host;

    ErrorReporter(Host host) {
        this.host = host;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
        PrintWriter err = host.err();
        boolean verbose = verbose(cmd);
        Optional<HailctlException> known = known(ex);
        if (known.isPresent()) {
            HailctlException h = known.get();
            for (String line : h.messageLines()) {
                err.println("hailctl: " + line);
            }
            h.hint().ifPresent(hint -> err.println("  " + hint));
            if (verbose) {
                ex.printStackTrace(err);
            }
            err.flush();
            return h.exitCode().code();
        }
        if (ex instanceof InterruptedException) {
            err.println("hailctl: interrupted");
            err.flush();
            return ExitCode.INTERRUPTED.code();
        }
        err.println("hailctl: internal error: " + ex);
        err.println("  This is a bug in hailctl. Re-run with -v for the stack trace and report it.");
        if (verbose) {
            ex.printStackTrace(err);
        }
        err.flush();
        return ExitCode.INTERNAL.code();
    }

    private static Optional<HailctlException> known(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof HailctlException h) {
                return Optional.of(h);
            }
            Optional<HailctlException> aws = AwsFailures.translate(t);
            if (aws.isPresent()) {
                return aws;
            }
        }
        return Optional.empty();
    }

    private static boolean verbose(CommandLine cmd) {
        Object root = cmd.getCommandSpec().root().userObject();
        return root instanceof HailctlCommand h && h.global().verbose();
    }
}
