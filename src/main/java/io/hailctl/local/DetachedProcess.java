package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What the emulator's processes (moto, the stand-in) share: started detached from our terminal with
 * their output in a log file, awaited until they answer on loopback, found and stopped by PID only
 * (never by name, so nobody else's process is touched).
 */
final class DetachedProcess {
    private DetachedProcess() {
    }

    /**
     * Starts {@code command} and waits until {@code answers} holds.
     *
     * @param what how error lines name the process ("the emulator", "the emulator's stand-in")
     */
    static Process start(List<String> command, Path logFile, Map<String, String> env, Duration readyWithin,
                         BooleanSupplier answers, String what, int port) {
        List<String> full = new ArrayList<>();
        // setsid detaches the process from our terminal's process group, so closing the terminal
        // (SIGHUP) does not stop an emulator started by `hailctl local up`. It execs in place, so
        // the PID we record is the process's own.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        ProcessBuilder pb = new ProcessBuilder(full)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(env);
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot start " + what + " " + command.get(0) + ": " + e.getMessage());
        }
        Instant deadline = Instant.now().plus(readyWithin);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new HailctlException(ExitCode.FAILED,
                        capitalised(what) + " exited at start (code " + process.exitValue() + "); see " + logFile);
            }
            if (answers.getAsBoolean()) {
                return process;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new HailctlException(ExitCode.INTERRUPTED, "Interrupted while starting " + what);
            }
        }
        process.destroy();
        throw new HailctlException(ExitCode.FAILED, capitalised(what) + " did not answer on port " + port + " within "
                + readyWithin.toSeconds() + " s; see " + logFile);
    }

    /** True when a GET of {@code url} answers 200 within a short time. */
    static boolean answers200(URI url) {
        try {
            HttpURLConnection c = (HttpURLConnection) url.toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    static boolean alive(long pid) {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the process with this PID, and only it: politely, then forcibly. */
    static void stop(long pid) {
        Optional<ProcessHandle> h = ProcessHandle.of(pid);
        if (h.isEmpty()) {
            return;
        }
        h.get().destroy();
        try {
            h.get().onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            h.get().destroyForcibly();
        }
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
