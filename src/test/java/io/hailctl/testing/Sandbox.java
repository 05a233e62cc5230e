package io.hailctl.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A machine for one shipped script, on this one: {@code src/test/sandbox/run} gives the command a
 * private mount namespace whose /etc, /home, /usr and /opt are overlays kept under {@link #root()}
 * (so a script runs unmodified, absolute paths and all, and a later run of the same sandbox sees
 * what an earlier one wrote), and waits for what the command left in the background. Only what
 * cannot exist here is faked, on the front of PATH ({@code src/test/sandbox/fakebin}): sudo, dnf/yum,
 * systemctl/initctl and the instance metadata service. {@code aws} is the real AWS CLI
 * ({@link #realAwsCli()}) pointed at the test's moto server with dummy credentials.
 */
public final class Sandbox implements AutoCloseable {
    public static final String REGION = Moto.REGION;

    private final Path root;
    private final Map<String, String> env;

    private Sandbox(Path root, Map<String, String> env) {
        this.root = root;
        this.env = env;
    }

    /** A fresh machine whose AWS calls go to {@code endpoint}. */
    public static Sandbox create(String name, URI endpoint) {
        try {
            Path target = TestTools.projectDir().resolve("target/sandboxes");
            Files.createDirectories(target);
            Path root = Files.createTempDirectory(target, name + "-");
            Files.createDirectories(root.resolve("roothome"));
            Map<String, String> env = new LinkedHashMap<>();
            env.put("PATH", fakeBin() + ":/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
            env.put("HOME", root.resolve("roothome").toString());
            env.put("LANG", "C.UTF-8");
            env.put("SANDBOX_REAL_AWS", realAwsCli().toString());
            env.put("SANDBOX_AWS_ENDPOINT", endpoint.toString());
            env.put("SANDBOX_REGION", REGION);
            env.put("SANDBOX_CALLS", root.resolve("calls.log").toString());
            // What the instance profile (via the metadata service) would give the CLI on AWS.
            env.put("AWS_ACCESS_KEY_ID", "testing");
            env.put("AWS_SECRET_ACCESS_KEY", "testing");
            env.put("AWS_EC2_METADATA_DISABLED", "true");
            env.put("AWS_PAGER", "");
            return new Sandbox(root, env);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Debian's AWS CLI v2 when installed (scripts/install-hail-tools), else the PyPI v1 it falls back to. */
    public static Path realAwsCli() {
        TestTools.hailVenvBin("python"); // installs the CLI too, where the tools folder predates it
        Path debian = Path.of("/usr/bin/aws");
        if (Files.isExecutable(debian)) {
            return debian;
        }
        Path pypi = TestTools.dir().resolve("bin/aws");
        if (Files.isExecutable(pypi)) {
            return pypi;
        }
        throw new IllegalStateException("no AWS CLI: run scripts/test-tools (scripts/install-hail-tools)");
    }

    public static Path fakeBin() {
        return TestTools.projectDir().resolve("src/test/sandbox/fakebin");
    }

    public Path root() {
        return root;
    }

    /** The environment the sandboxed commands get (PATH with the fakes first, the moto endpoint ...). */
    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    /** Where a file the sandbox wrote at {@code absolute} (under /etc, /home, /usr or /opt) is kept. */
    public Path written(String absolute) {
        Path p = Path.of(absolute);
        return root.resolve("overlay").resolve(p.getName(0).toString()).resolve("upper")
                .resolve(p.subpath(1, p.getNameCount()).toString());
    }

    /** Runs {@code command} as root inside the sandbox; waits for its background work too. */
    public Run run(Duration limit, String... command) {
        List<String> cmd = new ArrayList<>(List.of(
                "bash", TestTools.projectDir().resolve("src/test/sandbox/run").toString(), root.toString()));
        cmd.addAll(List.of(command));
        Path log = root.resolve("last-output.log");
        int exit = exec(cmd, env, log, limit); // in root: stray files (hail-*.log) go with the sandbox
        String[] times = read(root.resolve("last-run")).trim().split(" ");
        return new Run(exit, read(log), Duration.ofMillis(Long.parseLong(times[0])),
                Duration.ofMillis(Long.parseLong(times[1])));
    }

    /** The real AWS CLI (through the endpoint shim), outside the sandbox: the test's own setup and checks. */
    public String aws(String... args) {
        List<String> cmd = new ArrayList<>(List.of(fakeBin().resolve("aws").toString(), "--region", REGION));
        cmd.addAll(List.of(args));
        Path log = root.resolve("aws-output.log");
        int exit = exec(cmd, env, log, Duration.ofMinutes(1));
        String out = read(log);
        if (exit != 0) {
            throw new AssertionError("aws " + String.join(" ", args) + " failed (" + exit + "):\n" + out);
        }
        return out;
    }

    private int exec(List<String> cmd, Map<String, String> env, Path log, Duration limit) {
        try {
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(root.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().clear();
            pb.environment().putAll(env);
            Process p = pb.start();
            if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", cmd) + " did not finish in " + limit + ":\n" + read(log));
            }
            return p.exitValue();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes the sandbox's files (the overlays' upper layers, e.g. a whole Hail install). */
    @Override
    public void close() {
        try (Stream<Path> files = Files.walk(root)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** How a sandboxed command ended: exit code, output, foreground time, time until its background work ended. */
    public record Run(int exit, String output, Duration foreground, Duration total) {
        public Run ok() {
            if (exit != 0) {
                throw new AssertionError("exit " + exit + ":\n" + output);
            }
            return this;
        }
    }
}
