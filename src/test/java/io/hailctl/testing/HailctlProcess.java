package io.hailctl.testing;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * hailctl as its own operating-system process ({@code java -jar target/hailctl-all.jar} with the
 * launcher's JVM flags), for what only a real process shows: the JVM's answer to SIGINT, exit codes
 * from {@code System.exit}, two runs at once. Needs the shaded jar ({@code package} runs before the
 * integration tests in {@code verify}).
 */
public final class HailctlProcess {
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xlog:disable");

    private final Process process;
    private final Path out;
    private final Path err;
    private final long started = System.nanoTime();

    private HailctlProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    /** Starts {@code hailctl args} in {@code dir} (its HOME too) against {@code endpoint} with dummy credentials. */
    public static HailctlProcess start(Path dir, URI endpoint, String... args) throws IOException {
        return start(dir, Map.of("AWS_ENDPOINT_URL", endpoint.toString(), "AWS_ACCESS_KEY_ID", "test",
                "AWS_SECRET_ACCESS_KEY", "test", "AWS_REGION", Moto.REGION), args);
    }

    /**
     * Starts {@code hailctl args} in {@code dir} (also its HOME, so no ~/.aws of the machine is seen) with
     * exactly {@code env} for AWS and hailctl variables (the test's own are removed).
     */
    public static HailctlProcess start(Path dir, Map<String, String> env, String... args) throws IOException {
        Path jar = Path.of(System.getProperty("hailctl.project.dir", ".")).resolve("target/hailctl-all.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run `./mvnw package` (verify does) first");
        }
        List<String> command = new ArrayList<>();
        // A process started from a background job of a non-interactive shell (as CI may start the
        // build) inherits SIGINT ignored, and the JVM then keeps it ignored: Ctrl-C would never reach
        // hailctl. Start it with SIGINT's default disposition, as a terminal's foreground job has it.
        command.addAll(List.of("env", "--default-signal=INT"));
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_FLAGS);
        command.add("-jar");
        command.add(jar.toString());
        command.addAll(List.of(args));
        Path out = Files.createTempFile(dir, ".out-", ".txt");
        Path err = Files.createTempFile(dir, ".err-", ".txt");
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
        pb.environment().keySet().removeIf(k -> k.startsWith("AWS_") || k.startsWith("HAILCTL_"));
        pb.environment().put("HOME", dir.toString());
        pb.environment().put("AWS_EC2_METADATA_DISABLED", "true");
        pb.environment().putAll(env);
        pb.environment().put("NO_COLOR", "1");
        Process p = pb.start();
        p.getOutputStream().close();
        return new HailctlProcess(p, out, err);
    }

    public long pid() {
        return process.pid();
    }

    /** Ctrl-C: SIGINT to the process, as a terminal sends it; false when it had already exited. */
    public boolean interrupt() throws IOException, InterruptedException {
        if (!process.isAlive()) {
            return false;
        }
        Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid()))
                .redirectErrorStream(true).start();
        kill.getInputStream().readAllBytes();
        if (kill.waitFor() != 0 && process.isAlive()) {
            throw new IllegalStateException("kill -INT " + process.pid() + " failed");
        }
        awaitShutdownStarted();
        return true;
    }

    /**
     * The JVM handles SIGINT on a thread of its own, and on a loaded machine that can come late: a
     * test that released a held AWS answer at once could see the run finish normally first. So wait
     * until the process runs its Ctrl-C hook (its thread, "hailctl-interrupt", shows in /proc under
     * the 15-character name Linux keeps) or has ended.
     */
    private void awaitShutdownStarted() throws InterruptedException {
        java.nio.file.Path tasks = java.nio.file.Path.of("/proc", Long.toString(process.pid()), "task");
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (process.isAlive() && System.nanoTime() < deadline) {
            try (var threads = java.nio.file.Files.list(tasks)) {
                boolean hooked = threads.anyMatch(t -> {
                    try {
                        return java.nio.file.Files.readString(t.resolve("comm")).startsWith("hailctl-interru");
                    } catch (IOException e) {
                        return false;
                    }
                });
                if (hooked) {
                    return;
                }
            } catch (IOException e) {
                return;   // the process is gone
            }
            Thread.sleep(10);
        }
    }

    /** Waits for the exit (killing the process after {@code limit}, a hang guard) and returns what it printed. */
    public CliRun.Result await(Duration limit) throws IOException, InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
            throw new AssertionError("hailctl did not exit within " + limit + "\n--- out\n" + read(out)
                    + "--- err\n" + read(err));
        }
        return new CliRun.Result(process.exitValue(), read(out), read(err));
    }

    public Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String read(Path p) throws IOException {
        String s = Files.readString(p, StandardCharsets.UTF_8);
        Files.deleteIfExists(p);
        return s;
    }
}
