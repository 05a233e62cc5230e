package io.hailctl.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Where the test tools live (moto, cfn-lint, checkov, shellcheck, packer): the folder
 * scripts/test-tools fills. When it is not there yet, the script is run once, so that
 * `./mvnw verify` works on a machine that has only Java and Python.
 */
public final class TestTools {
    private static Path dir;

    private TestTools() {
    }

    public static synchronized Path dir() {
        if (dir != null) {
            return dir;
        }
        Path candidate = configured();
        if (!Files.isExecutable(candidate.resolve("venv/bin/moto_server"))) {
            provision(candidate);
        }
        dir = candidate;
        return dir;
    }

    /**
     * The heavy venv of the fidelity tests (hail, pyspark, sparkmagic, nbclient), which
     * scripts/install-hail-tools adds to a tools folder made before it existed.
     */
    public static synchronized Path hailVenvBin(String name) {
        Path tools = dir();
        if (!Files.isExecutable(tools.resolve("hail-venv/bin/python"))
                || !Files.exists(tools.resolve("hail-wheels"))) {
            run(projectDir().resolve("scripts/install-hail-tools"), tools);
        }
        return tools.resolve("hail-venv/bin").resolve(name);
    }

    public static Path projectDir() {
        String p = System.getProperty("hailctl.project.dir");
        return p == null || p.isBlank() ? Path.of("").toAbsolutePath() : Path.of(p);
    }

    public static Path venvBin(String name) {
        return dir().resolve("venv/bin").resolve(name);
    }

    private static Path configured() {
        String prop = System.getProperty("hailctl.tools.dir");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop);
        }
        String env = System.getenv("HAILCTL_TOOLS_DIR");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cache = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return cache.resolve("hailctl/tools");
    }

    private static void provision(Path tools) {
        run(projectDir().resolve("scripts/test-tools"), tools);
    }

    private static void run(Path script, Path tools) {
        try {
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).inheritIO();
            pb.environment().put("HAILCTL_TOOLS_DIR", tools.toString());
            Process p = pb.start();
            if (!p.waitFor(30, TimeUnit.MINUTES) || p.exitValue() != 0) {
                throw new IllegalStateException(script + " failed; run it by hand to see why");
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + script + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while provisioning test tools", e);
        }
    }
}
