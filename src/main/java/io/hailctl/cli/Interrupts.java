package io.hailctl.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * Ctrl-C for one hailctl process. The JVM answers SIGINT by running shutdown hooks and exiting 130;
 * this is the one hook, so whatever the run was doing (pre-flight reads, a wait on a stack, an
 * upload, the hailctl.yaml edit) the user gets exactly one line saying how to continue. A command
 * that can stop gracefully (a deploy stops its waits and prints its summary) registers a {@link Stop}
 * while it runs; the hook asks it to stop and gives it a few seconds to report, and stays silent
 * when the command printed its own resume line. In-process runs (tests) use {@link #NONE}.
 */
public final class Interrupts {
    /** For runs without a process of their own: nothing is hooked, and nothing is kept (it is shared). */
    public static final Interrupts NONE = new Interrupts(null, List.of());

    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final PrintWriter err;
    private final String resume;
    private final AtomicReference<Stop> current = new AtomicReference<>();
    private final AtomicBoolean hinted = new AtomicBoolean();
    private final Thread hook;
    private final List<Runnable> atExit = new java.util.concurrent.CopyOnWriteArrayList<>();

    private Interrupts(PrintWriter err, List<String> args) {
        this.err = err;
        this.resume = "hailctl" + args.stream().map(Interrupts::quoted).reduce("", (a, b) -> a + " " + b);
        this.hook = err == null ? null : new Thread(this::interrupted, "hailctl-interrupt");
    }

    /** Hooks Ctrl-C for this process: {@code args} is the command line to suggest again. */
    public static Interrupts forProcess(PrintWriter err, List<String> args) {
        Interrupts interrupts = new Interrupts(err, args);
        Hooks.add(interrupts.hook);
        return interrupts;
    }

    /** The run ended normally: Ctrl-C from now on (e.g. during exit) has nothing to say. */
    public void finished() {
        if (hook != null) {
            Hooks.remove(hook);
        }
    }

    /** What a graceful command does on Ctrl-C, and the latch it counts down once it has reported. */
    public record Stop(String what, Runnable stop, CountDownLatch reported) {
    }

    /** Registers {@code stop} until {@link #release}; nested registrations are not supported (one run at a time). */
    void register(Stop stop) {
        if (hook != null) {
            current.set(stop);
        }
    }

    void release(Stop stop) {
        current.compareAndSet(stop, null);
    }

    /**
     * Runs {@code body} to its end even when Ctrl-C arrives meanwhile (the hook waits for it, at most
     * 10 s): for the hailctl.yaml edit, so no temporary file is left behind next to it.
     */
    void finishing(String what, Runnable body) {
        if (hook == null) {
            body.run();
            return;
        }
        Stop stop = new Stop(what, () -> { }, new CountDownLatch(1));
        Stop previous = current.getAndSet(stop);
        try {
            body.run();
        } finally {
            stop.reported().countDown();
            current.compareAndSet(stop, previous);
        }
    }

    /**
     * Runs {@code release} when Ctrl-C ends the process, after the command has stopped and reported
     * (the environment lock: the JVM may exit before the command's own finally gets to it).
     */
    void atExit(Runnable release) {
        if (hook != null) {
            atExit.add(release);
        }
    }

    /** The command printed its own line saying how to continue; the hook adds none. */
    void resumeHintGiven() {
        if (hook != null) {
            hinted.set(true);
        }
    }

    /** The line the hook prints when the command gave none. */
    String resumeLine() {
        return "hailctl: interrupted; what was started in AWS keeps running there: run `" + resume
                + "` again to continue";
    }

    private void interrupted() {
        Stop stop = current.get();
        if (stop != null) {
            err.println();
            err.println("hailctl: interrupted: " + stop.what() + "...");
            err.flush();
            stop.stop().run();
            try {
                stop.reported().await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        for (Runnable release : atExit) {
            try {
                release.run();
            } catch (RuntimeException e) {
                // exiting anyway; a lock left behind turns stale and `hailctl unlock` removes it
            }
        }
        if (!hinted.get()) {
            synchronized (err) {
                err.println();
                err.println(resumeLine());
                err.flush();
            }
        }
    }

    private static String quoted(String arg) {
        return PLAIN.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'";
    }
}
