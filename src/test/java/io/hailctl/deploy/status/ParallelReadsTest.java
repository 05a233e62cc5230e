package io.hailctl.deploy.status;

import io.hailctl.HailctlException;
import org.junit.jupiter.api.Test;

import java.util.Optional;
import java.util.concurrent.CountDownLatch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParallelReadsTest {

    @Test
    void aReadAwaitedAgainAfterItsFailureFailsTheSameWay() throws Exception {
        try (ParallelReads reads = new ParallelReads(2)) {
            ParallelReads.Pending<String> failing = reads.start(() -> {
                throw new HailctlException(io.hailctl.ExitCode.FAILED, "EMR: boom");
            });
            assertEquals("EMR: boom", assertThrows(HailctlException.class, failing::await).getMessage());
            assertEquals("EMR: boom", assertThrows(HailctlException.class, failing::await).getMessage());
            assertEquals(Optional.empty(), failing.awaitForDependent());
        }
    }

    @Test
    void aReadThatTimedOutStaysTimedOutForEveryoneAwaitingIt() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        try (ParallelReads reads = new ParallelReads(2, java.time.Duration.ofMillis(200))) {
            ParallelReads.Pending<String> stuck = reads.start(() -> {
                never.await();
                return "late";
            });
            // The cluster view waits first and gives up; the AMI view then awaits the same read.
            HailctlException first = assertThrows(HailctlException.class, stuck::await);
            assertEquals("no answer from AWS within 200ms", first.getMessage());
            HailctlException second = assertThrows(HailctlException.class, stuck::await);
            assertEquals(first.getMessage(), second.getMessage(), "the same one line, not a CancellationException");
            assertEquals(Optional.empty(), stuck.awaitForDependent(), "a read building on it goes on without it");
        }
    }
}
