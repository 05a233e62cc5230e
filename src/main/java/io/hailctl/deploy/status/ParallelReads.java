package io.hailctl.deploy.status;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The threads one status read makes its calls on, and how long it waits for each answer. Reads are
 * started as soon as what they need is known and awaited where their answer is used, each for at
 * most {@link #CALL_LIMIT}, so a hanging service costs one piece of the screen rather than the
 * whole command. Closing stops whatever is still running; the threads are daemons, so a call still
 * stuck in a socket cannot hold the JVM open.
 */
final class ParallelReads implements AutoCloseable {
    private static final Duration CALL_LIMIT = Duration.ofSeconds(30);

    private final ExecutorService pool;
    private final Duration callLimit;

    ParallelReads(int parallelism) {
        this(parallelism, CALL_LIMIT);
    }

    /** With another limit per answer (tests). */
    ParallelReads(int parallelism, Duration callLimit) {
        this.callLimit = callLimit;
        this.pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "hailctl-status");
            t.setDaemon(true);
            return t;
        });
    }

    <T> Pending<T> start(Callable<T> read) {
        return new Pending<>(pool.submit(read), callLimit);
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }

    /**
     * One read in flight, or one whose answer was known without a call. Several parts of the screen
     * may await the same read (the cluster, and the AMI it runs): a read that timed out stays timed
     * out for all of them, with the same one-line failure, instead of the later ones seeing the
     * cancellation.
     */
    static final class Pending<T> {
        private final Future<T> future;
        private final Duration limit;
        private HailctlException timedOut;

        private Pending(Future<T> future, Duration limit) {
            this.future = future;
            this.limit = limit;
        }

        static <T> Pending<T> answered(T value) {
            return new Pending<>(CompletableFuture.completedFuture(value), CALL_LIMIT);
        }

        /**
         * The answer. The read's own failure comes back as it was thrown (a {@link HailctlException} is
         * one line for the user); a read that does not answer within the limit is cancelled and fails.
         */
        synchronized T await() throws InterruptedException {
            if (timedOut != null) {
                throw timedOut;
            }
            try {
                return future.get(limit.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                Throwable c = e.getCause();
                if (c instanceof HailctlException h) {
                    throw h;
                }
                if (c instanceof RuntimeException r) {
                    throw r;
                }
                throw new HailctlException(ExitCode.INTERNAL, "status read failed: " + c, null, c);
            } catch (TimeoutException e) {
                future.cancel(true);
                timedOut = new HailctlException(ExitCode.FAILED, "no answer from AWS within " + io.hailctl.progress.Durations.human(limit));
                throw timedOut;
            }
        }

        /**
         * For a read that builds on this one's answer, on a pool thread: waits as long as this read
         * runs (its own {@link #await} applies the limit) and gives empty when it failed, since that
         * failure is reported with this read, not with the one building on it.
         */
        Optional<T> awaitForDependent() throws InterruptedException {
            try {
                return Optional.of(future.get());
            } catch (ExecutionException | java.util.concurrent.CancellationException e) {
                return Optional.empty();
            }
        }
    }
}
