package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.nio.file.Path;
import java.util.List;

/**
 * The users or clusters a `deploy jupyter|emr` command line names, checked against the config before any
 * AWS call: none named means every configured one; an unknown name, or nothing configured, is a usage error
 * that says what is configured and how to add one.
 *
 * @param kind       "user" or "cluster", as the refusal names it
 * @param configured the names in the config, in its order
 * @param addIt      the hint for an unknown name, with {@code %s} for it
 * @param addOne     the hint when none is configured
 */
record ConfiguredNames(String kind, List<String> configured, String addIt, String addOne) {
    ConfiguredNames {
        configured = List.copyOf(configured);
    }

    List<String> select(List<String> asked, Path config) {
        String file = String.valueOf(config.getFileName());
        for (String name : asked) {
            if (!configured.contains(name)) {
                throw new HailctlException(ExitCode.USAGE, kind + " '" + name + "' is not in " + file
                        + " (" + kind + "s: " + String.join(", ", configured) + ")", addIt.formatted(name));
            }
        }
        if (configured.isEmpty()) {
            throw new HailctlException(ExitCode.USAGE, "no " + kind + "s in " + file, addOne);
        }
        return asked.isEmpty() ? configured : List.copyOf(asked);
    }
}
