package io.hailctl.cli;

import io.hailctl.ExitCode;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;

import java.io.PrintWriter;

/** A mistyped command line: one line naming the problem, the usage hint, exit code 2. */
final class UsageErrorReporter implements IParameterExceptionHandler {
    @Override
    public int handleParseException(ParameterException ex, String[] args) {
        CommandLine cmd = ex.getCommandLine();
        PrintWriter err = cmd.getErr();
        err.println("hailctl: " + ex.getMessage().strip().replaceAll("\\s*\\R\\s*", " "));
        // Suggestions and the usage pointer are hints: indented under the one line that says what is wrong.
        java.io.StringWriter suggestions = new java.io.StringWriter();
        CommandLine.UnmatchedArgumentException.printSuggestions(ex, new PrintWriter(suggestions));
        suggestions.toString().lines().filter(l -> !l.isBlank()).forEach(l -> err.println("  " + l.strip()));
        err.println("  Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
        err.flush();
        return ExitCode.USAGE.code();
    }
}
