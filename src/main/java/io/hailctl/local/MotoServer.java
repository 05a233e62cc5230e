package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One moto server process bound to loopback. Started from a given executable, found again by PID,
 * stopped by PID (never by name, so nobody else's process is touched).
 */
public record MotoServer(long pid, int port) {
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Starts {@code motoServer} on a free loopback port and waits until it answers. */
    public static MotoServer start(Path motoServer, Path logFile, Map<String, String> extraEnv, Duration readyWithin) {
        int port = freePort();
        MotoServer probe = new MotoServer(-1, port);
        Process p = DetachedProcess.start(List.of(motoServer.toString(), "-H", "127.0.0.1", "-p", Integer.toString(port)),
                logFile, extraEnv, readyWithin, probe::answers, "the emulator", port);
        return new MotoServer(p.pid(), port);
    }

    /** True when moto's management API answers on this port. */
    public boolean answers() {
        return DetachedProcess.answers200(URI.create(endpoint() + "/moto-api/"));
    }

    public boolean alive() {
        return DetachedProcess.alive(pid);
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
        DetachedProcess.stop(pid);
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "No free local port for the emulator: " + e.getMessage());
        }
    }
}
