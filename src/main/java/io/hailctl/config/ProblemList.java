package io.hailctl.config;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** The problems found in one file so far; validation keeps going after the first so users see them all. */
final class ProblemList {
    private final String file;
    private final List<ConfigProblem> found = new ArrayList<>();

    ProblemList(String file) {
        this.file = file;
    }

    String file() {
        return file;
    }

    void add(int line, String field, Optional<String> value, String rule) {
        found.add(new ConfigProblem(file, line, field, value, rule));
    }

    void add(ConfigProblem problem) {
        found.add(problem);
    }

    boolean isEmpty() {
        return found.isEmpty();
    }

    /** Top to bottom, as people read and fix a file; flags and environment variables (line 0) first. */
    List<ConfigProblem> inFileOrder() {
        return found.stream().sorted(Comparator.comparingInt(ConfigProblem::line)).toList();
    }
}
