package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One moto server process bound to loopback. Started from a given executable, found again by PID,
 * stopped by PID (never by name, so nobody else's process is touched).
 */
public final class MotoServer {
    private final long pid;
    private final int port;

    public MotoServer(long pid, int port) {
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

    /** Starts {@code motoServer} on a free loopback port and waits until it answers. */
    public static MotoServer start(Path motoServer, Path logFile, Map<String, String> extraEnv, Duration readyWithin) {
        int port = freePort();
        List<String> command = new ArrayList<>();
        // setsid detaches the server from our terminal's process group, so closing the terminal
        // (SIGHUP) does not stop an emulator started by `hailctl local up`. It execs in place, so
        // the PID we record is moto's own.
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid");
        }
        command.addAll(List.of(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)));
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        pb.environment().putAll(extraEnv);
        Process process;
        try {
            Files.createDirectories(logFile.getParent());
            process = pb.start();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot start the emulator " + motoServer + ": " + e.getMessage());
        }
        MotoServer server = new MotoServer(process.pid(), port);
        Instant deadline = Instant.now().plus(readyWithin);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new HailctlException(ExitCode.FAILED,
                        "The emulator exited at start (code " + process.exitValue() + "); see " + logFile);
            }
            if (server.answers()) {
                return server;
            }
            sleep(100);
        }
        process.destroy();
        throw new HailctlException(ExitCode.FAILED,
                "The emulator did not answer on port " + port + " within " + readyWithin.toSeconds() + " s; see " + logFile);
    }

    /** True when moto's management API answers on this port. */
    public boolean answers() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/").toURL().openConnection();
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
        return handle().map(ProcessHandle::isAlive).orElse(false);
    }

    /** Wipes every resource in the emulator (between tests). */
    public void reset() {
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(endpoint() + "/moto-api/reset").toURL().openConnection();
            c.setRequestMethod("POST");
            c.setConnectTimeout(1000);
            c.setReadTimeout(10_000);
            int code = c.getResponseCode();
            c.disconnect();
            if (code != 200) {
                throw new IllegalStateException("moto reset answered HTTP " + code);
            }
        } catch (IOException e) {
            throw new IllegalStateException("moto reset failed: " + e.getMessage(), e);
        }
    }

    /** Stops the process with this PID, and only it: politely, then forcibly. */
    public void stop() {
        Optional<ProcessHandle> h = handle();
        if (h.isEmpty()) {
            return;
        }
        ProcessHandle p = h.get();
        p.destroy();
        try {
            p.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            p.destroyForcibly();
        }
    }

    private Optional<ProcessHandle> handle() {
        return ProcessHandle.of(pid);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "No free local port for the emulator: " + e.getMessage());
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HailctlException(ExitCode.INTERRUPTED, "Interrupted while starting the emulator");
        }
    }
}
