package io.hailctl.cli;

import io.hailctl.config.ClusterNames;
import io.hailctl.config.Precedence;

import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The hidden {@code hailctl __complete cluster-names [--config FILE]} that the completion script calls
 * on TAB: the cluster names of the environment's file (--config &gt; HAILCTL_CONFIG &gt; ./hailctl.yaml),
 * one a line. {@code Main} answers it before building picocli's model, and it reads only the YAML (no
 * AWS): completion must be fast and work offline. Anything else prints nothing.
 */
public final class CompletionNames {
    public static final String COMMAND = "__complete";
    static final String CLUSTER_NAMES = "cluster-names";

    private CompletionNames() {
    }

    /** @param args the arguments after {@value #COMMAND} */
    public static void print(List<String> args, Map<String, String> env, Path workingDir, PrintStream out) {
        if (args.isEmpty() || !args.get(0).equals(CLUSTER_NAMES)) {
            return;
        }
        Optional<String> flag = Optional.empty();
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--config") && i + 1 < args.size()) {
                flag = Optional.of(args.get(++i));
            } else if (a.startsWith("--config=")) {
                flag = Optional.of(a.substring("--config=".length()));
            }
        }
        Path file;
        try {
            file = workingDir.resolve(new Precedence(env).configFile(flag.map(Path::of)));
        } catch (InvalidPathException e) {
            return;
        }
        ClusterNames.in(file).forEach(out::println);
        out.flush();
    }
}
