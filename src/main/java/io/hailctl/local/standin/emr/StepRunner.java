package io.hailctl.local.standin.emr;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * Runs one spark-submit step in the stand-in: downloads its script and files from the emulator's S3
 * into a temporary folder, runs the script with the local {@link StepPython} (there is no Spark: a
 * script that needs a cluster needs a local Hail), and writes its stdout and stderr gzip'd where EMR
 * writes them, {@code LOGURI/CLUSTER/steps/STEP/stdout.gz} and {@code stderr.gz}: while it runs (so
 * {@code hailctl cluster submit} streams them) and at its end.
 */
final class StepRunner {
    private static final Duration FLUSH_EVERY = Duration.ofMillis(500);

    private final EmulatorEmr emr;
    private final StepPython python;
    private final Duration limit;
    private final Consumer<String> log;

    StepRunner(EmulatorEmr emr, StepPython python, Duration limit, Consumer<String> log) {
        this.emr = emr;
        this.python = python;
        this.limit = limit;
        this.log = log;
    }

    void run(StepRun step) {
        step.start();
        Optional<String[]> logs = emr.logUri(step.clusterId()).flatMap(u -> StepCommand.s3(
                (u.endsWith("/") ? u : u + "/") + step.clusterId() + "/steps/" + step.stepId() + "/"));
        Optional<StepCommand> command = step.command();
        if (command.isEmpty()) {
            step.end("COMPLETED", Optional.empty());
            return;
        }
        Path dir = null;
        try {
            dir = Files.createTempDirectory("hailctl-step-");
            if (python.command().isEmpty()) {
                Thread.sleep(1000);
                String line = "stand-in: no local Python with hail importable (set " + StepPython.VARIABLE
                        + " on the emulator); the step succeeds without running " + command.get().script() + "\n";
                write(logs, "stdout.gz", line.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                write(logs, "stderr.gz", new byte[0]);
                log.accept("stand-in: EMR step " + step.stepId() + " on " + step.clusterId() + ": no local Hail, not run");
                step.end("COMPLETED", Optional.empty());
                return;
            }
            int exit = execute(step, command.get(), dir, logs);
            if (exit == 0) {
                step.end("COMPLETED", Optional.empty());
            } else {
                String logFile = logs.map(l -> "s3://" + l[0] + "/" + l[1] + "stderr.gz").orElse("");
                List<String> err = Files.readAllLines(dir.resolve(".stderr"));
                String last = err.isEmpty() ? "" : err.get(err.size() - 1).strip();
                String reason = exit == Integer.MIN_VALUE
                        ? "Step killed after " + limit.toMinutes() + " minutes (the stand-in's limit)"
                        : "Step command exited with code " + exit;
                step.end("FAILED", Optional.of(new StepRun.Failure(reason, last.isEmpty() ? reason : last, logFile)));
            }
            log.accept("stand-in: EMR step " + step.stepId() + " on " + step.clusterId() + " " + step.state());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            step.end("CANCELLED", Optional.empty());
        } catch (IOException | RuntimeException e) {
            log.accept("stand-in: EMR step " + step.stepId() + " could not run: " + e.getMessage());
            step.end("FAILED", Optional.of(new StepRun.Failure("The stand-in could not run the step", String.valueOf(e.getMessage()), "")));
        } finally {
            delete(dir);
        }
    }

    /** The script's exit code, or {@code Integer.MIN_VALUE} when it was killed at the limit. */
    private int execute(StepRun step, StepCommand command, Path dir, Optional<String[]> logs) throws IOException, InterruptedException {
        Path script = fetch(command.script(), dir);
        for (String f : command.files()) {
            fetch(f, dir);
        }
        List<String> cmd = new ArrayList<>(python.command().orElseThrow());
        cmd.add(script.getFileName().toString());
        cmd.addAll(command.args());
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        log.accept("stand-in: EMR step " + step.stepId() + " on " + step.clusterId() + " runs " + String.join(" ", cmd));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile())
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        Process p = pb.start();
        long deadline = System.nanoTime() + limit.toNanos();
        int exit;
        while (true) {
            if (p.waitFor(FLUSH_EVERY.toMillis(), TimeUnit.MILLISECONDS)) {
                exit = p.exitValue();
                break;
            }
            if (System.nanoTime() > deadline) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                exit = Integer.MIN_VALUE;
                break;
            }
            write(logs, "stdout.gz", Files.readAllBytes(out));
        }
        write(logs, "stdout.gz", Files.readAllBytes(out));
        write(logs, "stderr.gz", Files.readAllBytes(err));
        return exit;
    }

    private Path fetch(String uri, Path dir) {
        Path target = dir.resolve(StepCommand.fileName(uri));
        String[] s3 = StepCommand.s3(uri).orElseThrow(() -> new IllegalArgumentException("not an S3 URI: " + uri));
        byte[] content = emr.read(s3[0], s3[1]).orElseThrow(() -> new IllegalArgumentException(uri + " does not exist"));
        try {
            Files.write(target, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    private void write(Optional<String[]> logs, String name, byte[] content) throws IOException {
        if (logs.isEmpty()) {
            return;
        }
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(gz)) {
            z.write(content);
        }
        emr.write(logs.get()[0], logs.get()[1] + name, gz.toByteArray());
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary folder left behind is harmless
        }
    }
}
