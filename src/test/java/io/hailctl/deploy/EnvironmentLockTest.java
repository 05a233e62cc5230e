package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.fakes.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EnvironmentLockTest {
    private static final String NAME = "/hailctl/demo/lock";

    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T16:40:00Z"));
    private final MemoryStore store = new MemoryStore();
    private final List<String> notes = Collections.synchronizedList(new ArrayList<>());

    /** An SSM stand-in: atomic create-if-absent, and a log of every call. */
    static final class MemoryStore implements EnvironmentLock.Store {
        final Map<String, String> values = new ConcurrentHashMap<>();
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        /** What the real store's write calls pass first: the gate, i.e. the lock itself. */
        Runnable gate = () -> { };

        @Override
        public Optional<String> createIfAbsent(String name, String value) {
            calls.add("create " + name);
            gate.run();
            return Optional.ofNullable(values.putIfAbsent(name, value));
        }

        @Override
        public Optional<String> read(String name) {
            calls.add("read " + name);
            return Optional.ofNullable(values.get(name));
        }

        @Override
        public void delete(String name) {
            calls.add("delete " + name);
            gate.run();
            values.remove(name);
        }
    }

    private EnvironmentLock lock(String owner, String command) {
        return new EnvironmentLock("demo", store, new EnvironmentLock.Holder(owner, 123, command, clock.instant()),
                clock, Duration.ofHours(6), notes::add);
    }

    @Test
    void manyParallelWritersTakeItOnce() throws Exception {
        EnvironmentLock lock = lock("alice@host", "hailctl deploy all");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> writes = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            writes.add(pool.submit(() -> {
                go.await();
                lock.beforeWrite();
                return null;
            }));
        }
        go.countDown();
        for (Future<?> w : writes) {
            w.get(5, TimeUnit.SECONDS);
        }
        pool.shutdown();

        assertTrue(lock.held());
        assertEquals(List.of("create " + NAME), store.calls);
        assertTrue(store.values.get(NAME).contains("owner=alice@host\npid=123\ncommand=hailctl deploy all\nsince=2026-12-04T16:40:00Z"),
                store.values.get(NAME));
    }

    @Test
    void theStoresOwnWriteDoesNotRecurse() {
        EnvironmentLock lock = lock("alice@host", "hailctl deploy all");
        // The create is itself a write call and passes the same gate, on the same thread.
        store.gate = lock::beforeWrite;

        lock.beforeWrite();

        assertTrue(lock.held());
        assertEquals(List.of("create " + NAME), store.calls);
    }

    /** FaultsIT found it: a create that reached SSM but whose answer timed out is retried by the SDK and finds the claim. */
    @Test
    void aRetriedCreateThatFindsItsOwnClaimHoldsIt() {
        EnvironmentLock lock = lock("alice@host", "hailctl add-user carol");
        EnvironmentLock.Store lostAnswer = new EnvironmentLock.Store() {
            @Override
            public Optional<String> createIfAbsent(String name, String value) {
                store.createIfAbsent(name, value);          // the first attempt got through...
                return store.createIfAbsent(name, value);   // ...and the retry finds it
            }

            @Override
            public Optional<String> read(String name) {
                return store.read(name);
            }

            @Override
            public void delete(String name) {
                store.delete(name);
            }
        };
        EnvironmentLock retried = new EnvironmentLock("demo", lostAnswer,
                new EnvironmentLock.Holder("alice@host", 123, "hailctl add-user carol", clock.instant()), clock,
                Duration.ofHours(6), notes::add);
        retried.beforeWrite();
        assertTrue(retried.refusal().isEmpty(), "not refused by its own claim");
        EnvironmentLock other = lock("bob@elsewhere", "hailctl deploy all");
        assertThrows(EnvironmentLock.Busy.class, other::beforeWrite, "another run is still refused");
        assertTrue(lock.refusal().isEmpty());
    }

    @Test
    void aRunThatWritesNothingNeverTouchesTheStore() {
        EnvironmentLock lock = lock("alice@host", "hailctl deploy all");

        lock.release();

        assertFalse(lock.held());
        assertEquals(List.of(), store.calls);
    }

    @Test
    void aSecondRunIsRefusedWithOneLineAndEveryLaterWriteToo() {
        EnvironmentLock first = lock("alice@host", "hailctl deploy all");
        first.beforeWrite();
        clock.advance(Duration.ofMinutes(5));
        EnvironmentLock second = lock("bob@other", "hailctl add-user carol");

        HailctlException e = assertThrows(HailctlException.class, second::beforeWrite);
        HailctlException again = assertThrows(HailctlException.class, second::beforeWrite);

        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("environment demo is being changed by alice@host (pid 123, hailctl deploy all) since 2026-12-04 "
                + "16:40 UTC; wait for it, or if that run is gone: hailctl unlock", e.getMessage());
        assertSame(e, again);
        assertEquals(List.of("create " + NAME, "create " + NAME), store.calls, "the refusal is decided once");
        second.release();
        assertTrue(store.values.get(NAME).contains("alice@host"), "a refused run leaves the holder's lock alone");
    }

    @Test
    void releasedAtTheEndSoTheNextRunGetsIt() {
        EnvironmentLock first = lock("alice@host", "hailctl deploy all");
        store.gate = first::beforeWrite;
        first.beforeWrite();

        first.release();
        first.release();

        assertFalse(store.values.containsKey(NAME));
        assertEquals(List.of("create " + NAME, "delete " + NAME), store.calls,
                "a claim younger than half the lease cannot have been taken over: deleted without reading it");
        assertEquals(List.of(), notes);
        HailctlException straggler = assertThrows(HailctlException.class, first::beforeWrite,
                "a write after the release (Ctrl-C's exit) does not take the lock again");
        assertEquals(ExitCode.INTERRUPTED, straggler.exitCode());
        assertFalse(store.values.containsKey(NAME));
        store.gate = () -> { };
        EnvironmentLock next = lock("bob@other", "hailctl deploy all");
        next.beforeWrite();
        assertTrue(next.held());
    }

    @Test
    void aRunLongerThanHalfTheLeaseReadsTheClaimBeforeGivingItBack() {
        EnvironmentLock first = lock("alice@host", "hailctl deploy all");
        first.beforeWrite();
        clock.advance(Duration.ofHours(3));

        first.release();

        assertEquals(List.of("create " + NAME, "read " + NAME, "delete " + NAME), store.calls);
        assertFalse(store.values.containsKey(NAME));
    }

    @Test
    void aStaleLockIsTakenOverWithANoteAndTheOldHolderDoesNotRemoveTheNewOne() {
        EnvironmentLock old = lock("alice@host", "hailctl deploy all");
        old.beforeWrite();
        clock.advance(Duration.ofHours(7));
        EnvironmentLock next = lock("bob@other", "hailctl deploy all");

        next.beforeWrite();
        old.release();

        assertTrue(next.held());
        assertEquals(List.of("hailctl: taking over a stale lock on environment demo held by alice@host (pid 123, "
                + "hailctl deploy all) since 2026-12-04 16:40 UTC, older than 6 h"), notes);
        assertTrue(store.values.get(NAME).contains("bob@other"), store.values.toString());
    }

    @Test
    void aLockYoungerThanTheLeaseIsNotStale() {
        lock("alice@host", "hailctl deploy all").beforeWrite();
        clock.advance(Duration.ofHours(6).minusSeconds(1));

        assertThrows(HailctlException.class, lock("bob@other", "hailctl deploy all")::beforeWrite);
        assertEquals(List.of(), notes);
    }

    @Test
    void unlockRemovesWhateverIsThere() {
        lock("alice@host", "hailctl deploy all").beforeWrite();

        Optional<EnvironmentLock.Holder> removed = EnvironmentLock.breakLock("demo", store);

        assertEquals("alice@host (pid 123, hailctl deploy all) since 2026-12-04 16:40 UTC",
                EnvironmentLock.describe(removed.orElseThrow()));
        assertFalse(store.values.containsKey(NAME));
        assertEquals(Optional.empty(), EnvironmentLock.breakLock("demo", store));
    }

}
