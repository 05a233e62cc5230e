package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.local.standin.StandIn;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The emulator's stand-in ({@link StandIn}) as its own long-lived process on loopback, in front of a
 * moto server: a second JVM running {@code hailctl __stand-in}, so what it does over time (a build's
 * phases, a step running) goes on between hailctl commands. Found again by PID, stopped by PID.
 */
public final class StandInProcess {
    /** JVM flags: a small, quick-starting server; it holds little state. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xmx256m", "-Xss512k");

    private final long pid;
    private final int port;

    public StandInProcess(long pid, int port) {
        this.pid = pid;
        this.port = port;
    }

    public long pid() {
        return pid;
    }

    public int port() {
        return port;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts the stand-in in front of {@code moto} with this JVM and class path (the one running now,
     * so the stand-in is the same hailctl build), and waits until it answers.
     */
    public static StandInProcess start(URI moto, Path logFile, List<String> extraArgs, Duration readyWithin) {
        int port = MotoServer.freePort();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");   // as for moto: closing the terminal must not stop it
        }
        command.add(java);
        command.addAll(JVM_FLAGS);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.hailctl.Main", "__stand-in",
                "--upstream", moto.toString(), "--port", Integer.toString(port)));
        command.addAll(extraArgs);
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot start the emulator's stand-in: " + e.getMessage());
        }
        StandInProcess standIn = new StandInProcess(process.pid(), port);
        Instant deadline = Instant.now().plus(readyWithin);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new HailctlException(ExitCode.FAILED,
                        "The emulator's stand-in exited at start (code " + process.exitValue() + "); see " + logFile);
            }
            if (standIn.answers()) {
                return standIn;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroy();
                throw new HailctlException(ExitCode.INTERRUPTED, "Interrupted while starting the emulator's stand-in");
            }
        }
        process.destroy();
        throw new HailctlException(ExitCode.FAILED, "The emulator's stand-in did not answer on port " + port + " within "
                + readyWithin.toSeconds() + " s; see " + logFile);
    }

    /** True when the stand-in's status page answers on this port. */
    public boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + StandIn.STATUS_PATH).toURL().openConnection();
            c.setConnectTimeout(500);
            c.setReadTimeout(2000);
            int code = c.getResponseCode();
            c.disconnect();
            return code == 200;
        } catch (IOException e) {
            return false;
        }
    }

    public boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }

    /** Stops the process with this PID, and only it: politely, then forcibly. */
    public void stop() {
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
}
