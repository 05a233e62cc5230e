package io.hailctl.deploy.efs;

import io.hailctl.deploy.efs.FileSystems.AccessPoint;
import io.hailctl.deploy.efs.FileSystems.AccessPointRequest;
import io.hailctl.deploy.efs.FileSystems.CreationInfo;
import io.hailctl.deploy.efs.FileSystems.PosixUser;
import io.hailctl.deploy.fakes.FakeClock;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SharedFileSystemReadsTest {
    private final FakeClock clock = new FakeClock();
    private final FakeFileSystems fake = new FakeFileSystems();
    private final List<String> reads = Collections.synchronizedList(new ArrayList<>());
    private final Counting counting = new Counting();
    private final SharedFileSystemReads efs = new SharedFileSystemReads(counting, clock);

    /** The fake, recording each read that reaches it; a read can be held until released. */
    private final class Counting implements FileSystems {
        volatile CountDownLatch hold = new CountDownLatch(0);
        volatile CountDownLatch entered = new CountDownLatch(0);

        private void read(String what) {
            reads.add(what);
            entered.countDown();
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        public Optional<FileSystem> describe(String id) {
            read("describe " + id);
            return fake.describe(id);
        }

        public Optional<String> policy(String id) {
            return fake.policy(id);
        }

        public void putPolicy(String id, String json) {
            fake.putPolicy(id, json);
        }

        public List<AccessPoint> accessPoints(String id) {
            read("access points " + id);
            return fake.accessPoints(id);
        }

        public Optional<AccessPoint> accessPoint(String id) {
            return fake.accessPoint(id);
        }

        public AccessPoint create(AccessPointRequest r) {
            return fake.create(r);
        }

        public boolean delete(String id) {
            return fake.delete(id);
        }
    }

    private AccessPointRequest request(String path) {
        return new AccessPointRequest("fs-1", "t-" + path, new PosixUser(1000, 100, List.of()), path,
                new CreationInfo(1000, 100, "0750"), Map.of("Name", path));
    }

    @Test
    void aFileSystemIsDescribedOnceForEveryReaderWhileFresh() {
        fake.addFileSystem("fs-1");
        for (int i = 0; i < 5; i++) {
            assertEquals("available", efs.describe("fs-1").orElseThrow().state());
        }
        clock.advance(SharedFileSystemReads.FRESH);
        efs.describe("fs-1");
        assertEquals(List.of("describe fs-1", "describe fs-1"), reads);
    }

    @Test
    void readersArrivingWhileTheListingIsReadWaitForItInsteadOfRepeatingIt() throws Exception {
        fake.addFileSystem("fs-1");
        counting.hold = new CountDownLatch(1);
        counting.entered = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            Future<List<AccessPoint>> first = pool.submit(() -> efs.accessPoints("fs-1"));
            counting.entered.await(10, TimeUnit.SECONDS);
            Future<List<AccessPoint>> second = pool.submit(() -> efs.accessPoints("fs-1"));
            Future<List<AccessPoint>> third = pool.submit(() -> efs.accessPoints("fs-1"));
            counting.hold.countDown();
            assertEquals(List.of(), first.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), second.get(10, TimeUnit.SECONDS));
            assertEquals(List.of(), third.get(10, TimeUnit.SECONDS));
        } finally {
            pool.shutdownNow();
        }
        assertEquals(List.of("access points fs-1"), reads);
    }

    @Test
    void anAccessPointCreatedOrDeletedByThisRunDropsTheListing() {
        fake.addFileSystem("fs-1");
        efs.accessPoints("fs-1");
        AccessPoint made = efs.create(request("/home/alice"));
        assertEquals(List.of(made.id()), efs.accessPoints("fs-1").stream().map(AccessPoint::id).toList());
        efs.delete(made.id());
        assertEquals(List.of(), efs.accessPoints("fs-1"));
        assertEquals(List.of("access points fs-1", "access points fs-1", "access points fs-1"), reads);
    }

    @Test
    void aFailedReadIsTheFailureOfEveryoneWaitingAndTheNextReaderTriesAgain() {
        FakeFileSystems broken = new FakeFileSystems();
        SharedFileSystemReads failing = new SharedFileSystemReads(new FileSystems() {
            int calls;

            public Optional<FileSystem> describe(String id) {
                if (calls++ == 0) {
                    throw new IllegalStateException("throttled");
                }
                return broken.describe(id);
            }

            public Optional<String> policy(String id) {
                return Optional.empty();
            }

            public void putPolicy(String id, String json) {
            }

            public List<AccessPoint> accessPoints(String id) {
                return List.of();
            }

            public Optional<AccessPoint> accessPoint(String id) {
                return Optional.empty();
            }

            public AccessPoint create(AccessPointRequest r) {
                throw new UnsupportedOperationException();
            }

            public boolean delete(String id) {
                return false;
            }
        }, clock);
        assertThrows(IllegalStateException.class, () -> failing.describe("fs-1"));
        assertEquals(Optional.empty(), failing.describe("fs-1"), "read again, not the failure kept");
    }
}
