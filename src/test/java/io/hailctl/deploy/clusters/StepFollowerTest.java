package io.hailctl.deploy.clusters;

import io.hailctl.HailctlException;
import io.hailctl.deploy.clusters.ClusterFacts.StepSummary;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class StepFollowerTest {
    private static final Optional<StepFollower.StepLogs> LOGS =
            StepFollower.StepLogs.of(Optional.of("s3://demo-logs/elasticmapreduce/"), "j-1", "s-1");

    /** A step whose state and logs change at each poll, as EMR's do while it runs. */
    private static final class ScriptedStep implements ClusterSteps {
        final Deque<Runnable> perPoll = new ArrayDeque<>();
        final Map<String, byte[]> objects = new HashMap<>();
        StepSummary state = new StepSummary("s-1", "hailctl submit qc.py", "PENDING", Optional.empty());

        @Override
        public String addStep(String clusterId, String name, List<String> args) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<StepSummary> step(String clusterId, String stepId) {
            if (!perPoll.isEmpty()) {
                perPoll.removeFirst().run();
            }
            return Optional.of(state);
        }

        @Override
        public Optional<String> masterInstanceId(String clusterId) {
            return Optional.empty();
        }

        @Override
        public Optional<String> logUri(String clusterId) {
            return Optional.empty();
        }

        @Override
        public void upload(String bucket, String key, Path file) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<byte[]> read(String bucket, String key) {
            return Optional.ofNullable(objects.get(bucket + "/" + key));
        }

        void log(String file, String text) {
            objects.put("demo-logs/elasticmapreduce/j-1/steps/s-1/" + file, gzip(text));
        }
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(bytes)) {
            gz.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    private final List<String> out = new ArrayList<>();
    private final List<String> err = new ArrayList<>();
    private final List<Duration> waits = new ArrayList<>();

    private StepFollower follower(ClusterSteps steps) {
        return new StepFollower(steps, waits::add, out::add, err::add);
    }

    @Test
    void theLogLocationIsEmrsLogUriThenClusterStepsAndStep() {
        assertEquals(new StepFollower.StepLogs("demo-logs", "elasticmapreduce/j-1/steps/s-1/"), LOGS.orElseThrow());
        assertEquals(Optional.of(new StepFollower.StepLogs("b", "j-1/steps/s-1/")),
                StepFollower.StepLogs.of(Optional.of("s3n://b"), "j-1", "s-1"));
        assertEquals(Optional.empty(), StepFollower.StepLogs.of(Optional.empty(), "j-1", "s-1"));
    }

    @Test
    void newStdoutLinesArePrintedOnceAsEmrWritesThemAndACompletedStepReturns() throws Exception {
        ScriptedStep step = new ScriptedStep();
        step.perPoll.add(() -> { });
        step.perPoll.add(() -> {
            step.state = new StepSummary("s-1", "x", "RUNNING", Optional.empty());
            step.log("stdout.gz", "Initializing Hail\n");
        });
        step.perPoll.add(() -> step.log("stdout.gz", "Initializing Hail\nn_variants 4242\n"));
        step.perPoll.add(() -> step.state = new StepSummary("s-1", "x", "COMPLETED", Optional.empty()));

        StepSummary done = follower(step).follow("scratch", "j-1", "s-1", LOGS);

        assertEquals("COMPLETED", done.state());
        assertEquals(List.of("Initializing Hail", "n_variants 4242"), out);
        assertEquals(List.of(), err);
        assertEquals(List.of(Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8)), waits,
                "polls back off and stop at the terminal state");
    }

    @Test
    void aFailedStepEndsWithItsReasonAndTheLastLinesOfStderr() {
        ScriptedStep step = new ScriptedStep();
        StringBuilder stderr = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            stderr.append("log line ").append(i).append('\n');
        }
        stderr.append("hail.utils.java.FatalError: HailException: file not found: s3://x/y.vcf\n");
        step.perPoll.add(() -> {
            step.state = new StepSummary("s-1", "x", "FAILED",
                    Optional.of("Unknown Error.: Step failed with exitCode 1"));
            step.log("stdout.gz", "Initializing Hail\n");
            step.log("stderr.gz", stderr.toString());
        });

        HailctlException e = assertThrows(HailctlException.class, () -> follower(step).follow("scratch", "j-1", "s-1", LOGS));

        assertEquals(1, e.exitCode().code());
        assertEquals("step s-1 FAILED: Unknown Error.: Step failed with exitCode 1", e.getMessage());
        assertEquals(List.of("Initializing Hail"), out);
        assertEquals(1 + StepFollower.STDERR_TAIL, err.size());
        assertEquals("last lines of the step's stderr (elasticmapreduce/j-1/steps/s-1/stderr.gz):", err.get(0));
        assertEquals("  log line 12", err.get(1));
        assertEquals("  hail.utils.java.FatalError: HailException: file not found: s3://x/y.vcf", err.get(err.size() - 1));
    }
}
