package io.hailctl.local.standin.emr;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * One step as the stand-in runs it: PENDING until the cluster's earlier steps are done, then RUNNING,
 * then COMPLETED, FAILED or CANCELLED (its cluster terminated first). Written by the cluster's runner
 * thread, read by request threads.
 */
final class StepRun {
    /** EMR's {@code Status.FailureDetails}. */
    record Failure(String reason, String message, String logFile) {
    }

    private final String clusterId;
    private final String stepId;
    private final Optional<StepCommand> command;
    private String state = "PENDING";
    private Optional<Failure> failure = Optional.empty();
    private double started;
    private double ended;

    StepRun(String clusterId, String stepId, Optional<StepCommand> command) {
        this.clusterId = clusterId;
        this.stepId = stepId;
        this.command = command;
    }

    String clusterId() {
        return clusterId;
    }

    String stepId() {
        return stepId;
    }

    Optional<StepCommand> command() {
        return command;
    }

    synchronized String state() {
        return state;
    }

    synchronized boolean running() {
        return state.equals("RUNNING");
    }

    synchronized void start() {
        state = "RUNNING";
        started = now();
    }

    synchronized void end(String finalState, Optional<Failure> why) {
        if (!state.equals("PENDING") && !state.equals("RUNNING")) {
            return;
        }
        state = finalState;
        failure = why;
        ended = now();
    }

    /** EMR's {@code Status} of this step, over moto's (its CreationDateTime kept). */
    synchronized Map<String, Object> status(Map<String, Object> motoStatus) {
        Map<String, Object> s = new LinkedHashMap<>(motoStatus);
        s.put("State", state);
        Map<String, Object> timeline = new LinkedHashMap<>(JsonBody.map(motoStatus.get("Timeline")));
        timeline.remove("StartDateTime");
        timeline.remove("EndDateTime");
        if (started > 0) {
            timeline.put("StartDateTime", started);
        }
        if (ended > 0) {
            timeline.put("EndDateTime", ended);
        }
        s.put("Timeline", timeline);
        s.remove("FailureDetails");
        failure.ifPresent(f -> {
            Map<String, Object> d = new LinkedHashMap<>();
            d.put("Reason", f.reason());
            d.put("Message", f.message());
            d.put("LogFile", f.logFile());
            s.put("FailureDetails", d);
        });
        if (state.equals("CANCELLED")) {
            s.put("StateChangeReason", Map.of("Message", "the cluster terminated before the step ran"));
        }
        return s;
    }

    private static double now() {
        return System.currentTimeMillis() / 1000.0;
    }
}
