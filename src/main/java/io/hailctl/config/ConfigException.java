package io.hailctl.config;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.util.List;

/**
 * The configuration is invalid. Carries every problem found, in file order, so a user fixes them all in
 * one pass; the message is the first problem plus "(and N more)" for contexts that print one line, while
 * the CLI prints each of {@link #problems()} on its own line.
 */
public class ConfigException extends HailctlException {
    private final List<ConfigProblem> problems;

    public ConfigException(List<ConfigProblem> problems) {
        super(ExitCode.USAGE, summary(problems));
        this.problems = List.copyOf(problems);
    }

    public List<ConfigProblem> problems() {
        return problems;
    }

    /** Every problem, one per line, as the CLI shows them. */
    public List<String> lines() {
        return problems.stream().map(ConfigProblem::message).toList();
    }

    @Override
    public List<String> messageLines() {
        return lines();
    }

    private static String summary(List<ConfigProblem> problems) {
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ConfigException needs at least one problem");
        }
        String first = problems.get(0).message();
        return problems.size() == 1 ? first : first + " (and " + (problems.size() - 1) + " more)";
    }
}
