package io.hailctl.local.standin.emr;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The EMR clusters the stand-in keeps alive (moto terminates a cluster a template makes at once) and
 * their steps, in memory: the stand-in is one long-lived process. A cluster is alive from its stack's
 * creation until TerminateJobFlows or its stack's deletion; its steps run one at a time, in order.
 */
final class LiveClusters {
    /** Why a cluster terminated, as EMR's {@code StateChangeReason}. */
    record Ended(String code, String message) {
    }

    /**
     * A cluster's policies as EMR would answer GetAutoTerminationPolicy and GetManagedScalingPolicy
     * (moto implements neither).
     *
     * @param idleTimeoutSeconds absent: no auto-termination policy
     * @param managedScaling     the ManagedScalingPolicy as declared; empty: none
     */
    record Policies(Optional<Long> idleTimeoutSeconds, Map<String, Object> managedScaling) {
        Policies {
            managedScaling = Map.copyOf(managedScaling);
        }

        Policies withIdleTimeout(Optional<Long> seconds) {
            return new Policies(seconds, managedScaling);
        }
    }

    private final Map<String, Optional<Ended>> clusters = new ConcurrentHashMap<>();
    private final Map<String, Policies> policies = new ConcurrentHashMap<>();
    private final Map<String, StepRun> steps = new ConcurrentHashMap<>();
    private final Map<String, ExecutorService> runners = new ConcurrentHashMap<>();
    private final StepRunner runner;

    LiveClusters(EmulatorEmr emr, StepPython python, Duration stepLimit, Consumer<String> log) {
        this.runner = new StepRunner(emr, python, stepLimit, log);
    }

    void alive(String clusterId) {
        clusters.putIfAbsent(clusterId, Optional.empty());
    }

    void policies(String clusterId, Policies p) {
        policies.put(clusterId, p);
    }

    Policies policies(String clusterId) {
        return policies.getOrDefault(clusterId, new Policies(Optional.empty(), Map.of()));
    }

    boolean known(String clusterId) {
        return clusters.containsKey(clusterId);
    }

    boolean isAlive(String clusterId) {
        return clusters.getOrDefault(clusterId, Optional.of(new Ended("", ""))).isEmpty();
    }

    void terminate(String clusterId, Ended why) {
        if (clusters.replace(clusterId, Optional.empty(), Optional.of(why))) {
            steps.values().stream().filter(s -> s.clusterId().equals(clusterId))
                    .forEach(s -> s.end("CANCELLED", Optional.empty()));
            Optional.ofNullable(runners.remove(clusterId)).ifPresent(ExecutorService::shutdownNow);
        }
    }

    /** EMR's cluster {@code Status}: WAITING, RUNNING while a step runs, or TERMINATED with its reason. */
    Map<String, Object> status(String clusterId, Map<String, Object> motoStatus) {
        Map<String, Object> s = new LinkedHashMap<>(motoStatus);
        Optional<Ended> ended = clusters.getOrDefault(clusterId, Optional.empty());
        if (ended.isPresent()) {
            s.put("State", "TERMINATED");
            s.put("StateChangeReason", Map.of("Code", ended.get().code(), "Message", ended.get().message()));
        } else {
            boolean busy = steps.values().stream().anyMatch(r -> r.clusterId().equals(clusterId) && r.running());
            s.put("State", busy ? "RUNNING" : "WAITING");
            s.put("StateChangeReason", Map.of("Message", busy ? "Running step" : "Cluster ready to run steps."));
        }
        return s;
    }

    void submit(String clusterId, String stepId, Optional<StepCommand> command) {
        StepRun run = new StepRun(clusterId, stepId, command);
        steps.put(stepId, run);
        runners.computeIfAbsent(clusterId, id -> Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "stand-in-emr-steps-" + id);
            t.setDaemon(true);
            return t;
        })).execute(() -> runner.run(run));
    }

    Optional<StepRun> step(String stepId) {
        return Optional.ofNullable(steps.get(stepId));
    }

    void reset() {
        new ArrayList<>(runners.values()).forEach(ExecutorService::shutdownNow);
        runners.clear();
        steps.clear();
        clusters.clear();
        policies.clear();
    }
}
