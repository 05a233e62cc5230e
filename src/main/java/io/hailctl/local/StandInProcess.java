package io.hailctl.local;

import io.hailctl.local.standin.StandIn;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The emulator's stand-in ({@link StandIn}) as its own long-lived process on loopback, in front of a
 * moto server: a second JVM running {@code hailctl __stand-in}, so what it does over time (a build's
 * phases, a step running) goes on between hailctl commands. Found again by PID, stopped by PID.
 */
public record StandInProcess(long pid, int port) {
    /** JVM flags: a small, quick-starting server; it holds little state. */
    private static final List<String> JVM_FLAGS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
            "-XX:-UsePerfData", "-Xmx256m", "-Xss512k",
            // An IPv4 socket, so what listens is 127.0.0.1 itself (not ::ffff:127.0.0.1 on a dual-stack socket).
            "-Djava.net.preferIPv4Stack=true");

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /**
     * Starts the stand-in in front of {@code moto} with this JVM and class path (the one running now, so the
     * stand-in is the same hailctl build; its jar copied, {@link StandInClassPath}), and waits until it answers.
     */
    public static StandInProcess start(URI moto, Path logFile, List<String> extraArgs, Duration readyWithin) {
        int port = MotoServer.freePort();
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(JVM_FLAGS);
        String classPath = StandInClassPath.of(System.getProperty("java.class.path"), logFile.toAbsolutePath().getParent());
        command.addAll(List.of("-cp", classPath, "io.hailctl.Main", "__stand-in",
                "--upstream", moto.toString(), "--port", Integer.toString(port)));
        command.addAll(extraArgs);
        StandInProcess standIn = new StandInProcess(-1, port);
        Process p = DetachedProcess.start(command, logFile, Map.of(), readyWithin, standIn::answers,
                "the emulator's stand-in", port);
        return new StandInProcess(p.pid(), port);
    }

    /** True when the stand-in's status page answers on this port. */
    public boolean answers() {
        return DetachedProcess.answers200(URI.create(endpoint() + StandIn.STATUS_PATH));
    }

    public boolean alive() {
        return DetachedProcess.alive(pid);
    }

    public void stop() {
        DetachedProcess.stop(pid);
    }
}
