package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One run's claim on an environment, so two hailctl runs (on any machines) do not change it at once.
 * Taken lazily by {@link #beforeWrite()} just before the run's first write call and never by a run
 * that writes nothing (a no-op deploy, plan, status, --dry-run, bad input): "a second deploy makes no
 * write call" stays true. The claim is an entry created atomically in a shared {@link Store} (SSM
 * Parameter Store: create-if-absent), holding who, where and since when. A claim older than the lease
 * is taken to be left by a run that died (a killed process, a lost machine) and is taken over, with a
 * note. Thread-safe: steps run in parallel, and the first writer takes it for all of them.
 */
public final class EnvironmentLock {
    /** The shared place a claim lives in (SSM on AWS). */
    public interface Store {
        /** Creates {@code name} with {@code value} unless it exists; returns the existing value if it does. */
        Optional<String> createIfAbsent(String name, String value);

        Optional<String> read(String name);

        void delete(String name);
    }

    /** Who holds the environment: written into the claim so a refused run can name them. */
    public record Holder(String owner, long pid, String command, Instant since) {
        String encoded() {
            return "owner=" + owner + "\npid=" + pid + "\ncommand=" + command + "\nsince=" + since;
        }

        public static Holder decoded(String text) {
            Map<String, String> f = new LinkedHashMap<>();
            for (String line : text.split("\n")) {
                int eq = line.indexOf('=');
                if (eq > 0) {
                    f.put(line.substring(0, eq), line.substring(eq + 1));
                }
            }
            Instant since;
            try {
                since = Instant.parse(f.getOrDefault("since", ""));
            } catch (RuntimeException e) {
                since = Instant.EPOCH; // unreadable: treat as ancient, i.e. stale
            }
            long pid;
            try {
                pid = Long.parseLong(f.getOrDefault("pid", "0"));
            } catch (NumberFormatException e) {
                pid = 0;
            }
            return new Holder(f.getOrDefault("owner", "someone"), pid, f.getOrDefault("command", "hailctl"), since);
        }
    }

    /** Another run holds the environment: this run is refused (exit 3) before its first write. */
    public static final class Busy extends HailctlException {
        Busy(String line) {
            super(ExitCode.REFUSED, line);
        }
    }

    /** After this long a claim is stale: no hailctl run waits on one stack longer (CloudFormation's own limits). */
    public static final Duration LEASE = Duration.ofHours(6);

    private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(ZoneOffset.UTC);

    private final String environment;
    private final String name;
    private final Store store;
    private final Holder me;
    private final Clock clock;
    private final Duration lease;
    private final Consumer<String> notes;
    private boolean held;
    private Busy refusal;
    private Thread acquiring;
    private boolean released;

    public EnvironmentLock(String environment, Store store, Holder me, Clock clock, Duration lease, Consumer<String> notes) {
        this.environment = environment;
        this.name = nameFor(environment);
        this.store = store;
        this.me = me;
        this.clock = clock;
        this.lease = lease;
        this.notes = notes;
    }

    /** Where an environment's claim lives. */
    public static String nameFor(String environment) {
        return "/hailctl/" + environment + "/lock";
    }

    /**
     * Called before every write call: takes the claim on the first one. Re-entrant on the taking thread
     * (the store's own create is a write call too); other threads wait until it is decided.
     *
     * @throws Busy (exit 3) when another run holds the environment
     */
    public synchronized void beforeWrite() {
        if (held || acquiring == Thread.currentThread()) {
            return;
        }
        if (refusal != null) {
            throw refusal;
        }
        if (released) {
            // Given back as the process exits on Ctrl-C: a straggling write must not take it again and leave it behind.
            throw new HailctlException(ExitCode.INTERRUPTED, "environment " + environment + ": the run is stopping; "
                    + "no new write");
        }
        acquiring = Thread.currentThread();
        try {
            acquire();
        } finally {
            acquiring = null;
        }
    }

    private void acquire() {
        Optional<String> existing = store.createIfAbsent(name, me.encoded());
        // Our own claim already there: an earlier attempt of this create reached the store but its
        // answer was lost (a timeout), and the SDK's retry found it. It is ours, not another run's.
        if (existing.isEmpty() || existing.get().equals(me.encoded())) {
            held = true;
            return;
        }
        Holder other = Holder.decoded(existing.get());
        Duration age = Duration.between(other.since(), clock.instant());
        if (age.compareTo(lease) < 0) {
            refusal = new Busy(refusalLine(other));
            throw refusal;
        }
        notes.accept("hailctl: taking over a stale lock on environment " + environment + " held by " + describe(other)
                + ", older than " + lease.toHours() + " h");
        store.delete(name);
        Optional<String> again = store.createIfAbsent(name, me.encoded());
        if (again.isPresent()) {
            refusal = new Busy(refusalLine(Holder.decoded(again.get())));
            throw refusal;
        }
        held = true;
    }

    private String refusalLine(Holder other) {
        return "environment " + environment + " is being changed by " + describe(other)
                + "; wait for it, or if that run is gone: hailctl unlock";
    }

    /** Why this run was refused, if it was (a step may have wrapped the exception into its own). */
    public synchronized Optional<Busy> refusal() {
        return Optional.ofNullable(refusal);
    }

    /** Whether this run holds the environment. */
    public synchronized boolean held() {
        return held;
    }

    /**
     * Gives the claim back at the end of the run (success, failure or Ctrl-C), if it is still ours:
     * one that was taken over as stale meanwhile is left to its new holder. Never throws: a claim that
     * cannot be removed turns stale after the lease, and the note says how to remove it now.
     */
    public synchronized void release() {
        released = true;
        if (!held) {
            return;
        }
        try {
            // Still held meanwhile: the delete is a write call too, and must pass the gate as ours.
            // Another run takes a claim over only once it is older than the lease by that run's clock; with
            // clocks up to half a lease apart, a claim younger than half the lease is ours without reading it
            // (reads are paced, and this one would hold up the end of every run by up to a second).
            boolean surelyOurs = Duration.between(me.since(), clock.instant()).compareTo(lease.dividedBy(2)) < 0;
            if (surelyOurs || store.read(name).map(me.encoded()::equals).orElse(false)) {
                store.delete(name);
            }
        } catch (RuntimeException e) {
            notes.accept("hailctl: could not release the lock on environment " + environment + " (" + e.getMessage()
                    + "); remove it with: hailctl unlock");
        } finally {
            held = false;
        }
    }

    /** Removes whatever claim there is (hailctl unlock); returns the holder it removed, if any. */
    public static Optional<Holder> breakLock(String environment, Store store) {
        String name = nameFor(environment);
        Optional<Holder> holder = store.read(name).map(Holder::decoded);
        holder.ifPresent(h -> store.delete(name));
        return holder;
    }

    /** The line naming a holder, for hailctl unlock. */
    public static String describe(Holder h) {
        return h.owner() + " (pid " + h.pid() + ", " + h.command() + ") since " + HHMM.format(h.since()) + " UTC";
    }
}
