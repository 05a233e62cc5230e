package io.hailctl.deploy.clusters;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.clusters.ClusterFacts.StepSummary;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.zip.GZIPInputStream;

/**
 * Follows one EMR step to its end: polls its state and prints the new lines of its stdout as EMR writes
 * them to the log bucket ({@code LOGURI/CLUSTER/steps/STEP/stdout.gz}, uploaded while the step runs and at
 * its end). A failed step ends with its reason and the last lines of its stderr.
 */
public final class StepFollower {
    /** How many stderr lines a failed step shows. */
    public static final int STDERR_TAIL = 20;
    private static final Duration FIRST_POLL = Duration.ofSeconds(2);
    private static final Duration MAX_POLL = Duration.ofSeconds(15);

    private final ClusterSteps steps;
    private final Sleeper sleeper;
    private final Consumer<String> out;
    private final Consumer<String> err;

    public StepFollower(ClusterSteps steps, Sleeper sleeper, Consumer<String> out, Consumer<String> err) {
        this.steps = steps;
        this.sleeper = sleeper;
        this.out = out;
        this.err = err;
    }

    /** Where EMR writes a step's log files. */
    public record StepLogs(String bucket, String prefix) {
        public static Optional<StepLogs> of(Optional<String> logUri, String clusterId, String stepId) {
            return logUri.filter(u -> u.startsWith("s3://") || u.startsWith("s3n://")).map(u -> {
                String rest = u.substring(u.indexOf("://") + 3);
                int slash = rest.indexOf('/');
                String bucket = slash < 0 ? rest : rest.substring(0, slash);
                String prefix = slash < 0 ? "" : rest.substring(slash + 1);
                if (!prefix.isEmpty() && !prefix.endsWith("/")) {
                    prefix += "/";
                }
                return new StepLogs(bucket, prefix + clusterId + "/steps/" + stepId + "/");
            });
        }
    }

    /**
     * Waits for the step, streaming its stdout; returns the final state when it COMPLETED and throws a
     * one-line {@link HailctlException} (exit 1) naming the reason when it FAILED, was CANCELLED or INTERRUPTED.
     */
    public StepSummary follow(String cluster, String clusterId, String stepId, Optional<StepLogs> logs)
            throws InterruptedException {
        int printed = 0;
        Duration wait = FIRST_POLL;
        while (true) {
            StepSummary s = steps.step(clusterId, stepId).orElseThrow(() -> new HailctlException(ExitCode.FAILED,
                    "step " + stepId + " is not known to cluster " + clusterId));
            boolean done = s.state().equals("COMPLETED") || s.state().equals("FAILED") || s.state().equals("CANCELLED")
                    || s.state().equals("INTERRUPTED");
            List<String> stdout = logs.map(l -> lines(l, "stdout.gz")).orElse(List.of());
            for (int i = printed; i < stdout.size(); i++) {
                out.accept(stdout.get(i));
            }
            printed = Math.max(printed, stdout.size());
            if (done) {
                if (s.state().equals("COMPLETED")) {
                    return s;
                }
                List<String> stderr = logs.map(l -> lines(l, "stderr.gz")).orElse(List.of());
                if (!stderr.isEmpty()) {
                    err.accept("last lines of the step's stderr (" + logs.get().prefix() + "stderr.gz):");
                    stderr.subList(Math.max(0, stderr.size() - STDERR_TAIL), stderr.size()).forEach(l -> err.accept("  " + l));
                }
                throw new HailctlException(ExitCode.FAILED, "step " + stepId + " " + s.state()
                        + s.failure().map(f -> ": " + f).orElse(""),
                        "Its logs: hailctl cluster logs " + cluster + " " + stepId);
            }
            sleeper.sleep(wait);
            wait = wait.multipliedBy(2).compareTo(MAX_POLL) > 0 ? MAX_POLL : wait.multipliedBy(2);
        }
    }

    /** A log file's lines (gunzipped); empty while EMR has not written it. */
    public List<String> lines(StepLogs logs, String file) {
        Optional<byte[]> bytes = steps.read(logs.bucket(), logs.prefix() + file);
        if (bytes.isEmpty()) {
            return List.of();
        }
        try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes.get()))) {
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            List<String> lines = new ArrayList<>(text.lines().toList());
            return lines;
        } catch (IOException e) {
            throw new UncheckedIOException("step log " + logs.prefix() + file + " is not gzip", e);
        }
    }
}
