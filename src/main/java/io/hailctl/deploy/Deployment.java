package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.plan.Plan;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Value;
import io.hailctl.progress.ProgressEvent;
import io.hailctl.progress.ProgressSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The engine: runs the steps of a plan through their runners. A step starts as soon as every step
 * it takes outputs from has finished (not when a whole wave has), so notebooks do not wait for an
 * AMI build. Steps that are only dependencies of what was asked for are read, not deployed. After
 * a failure nothing new starts; steps already running are waited for; the rest are skipped and
 * reported as such.
 */
public final class Deployment {
    public enum Mode {
        /** Deploy the targets (reading their dependencies). */
        APPLY,
        /** Say what APPLY would do; write nothing. */
        PREVIEW
    }

    private final Map<Class<?>, StepRunner<?>> runners;
    private final ProgressSink progress;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Cancellation cancellation;
    private final Confirmer confirmer;
    private final CallBudget budget;
    private final int parallelism;

    public Deployment(List<StepRunner<?>> runners, ProgressSink progress, Clock clock, Sleeper sleeper,
                      Cancellation cancellation, Confirmer confirmer, CallBudget budget, int parallelism) {
        Map<Class<?>, StepRunner<?>> byType = new HashMap<>();
        runners.forEach(r -> byType.put(r.stepType(), r));
        this.runners = byType;
        this.progress = progress;
        this.clock = clock;
        this.sleeper = sleeper;
        this.cancellation = cancellation;
        this.confirmer = confirmer;
        this.budget = budget;
        this.parallelism = parallelism;
    }

    /** Runs {@code targets} (and reads what they need) from {@code plan}. */
    public RunReport run(Plan plan, Set<StepId> targets, Mode mode) throws InterruptedException {
        Instant start = clock.instant();
        Set<StepId> included = plan.upstreamOf(targets);
        List<StepId> order = new ArrayList<>();
        for (StepId id : plan.topologicalOrder()) {
            if (included.contains(id)) {
                order.add(id);
            }
        }
        Map<StepId, Map<String, String>> outputs = new ConcurrentHashMap<>();
        Map<StepId, StepResult> results = new LinkedHashMap<>();
        Set<StepId> running = new LinkedHashSet<>();
        String stopReason = null;

        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, order.size())), r -> {
            Thread t = new Thread(r, "hailctl-step");
            t.setDaemon(true);
            return t;
        });
        ExecutorCompletionService<StepResult> done = new ExecutorCompletionService<>(pool);
        Map<Future<StepResult>, StepId> futures = new HashMap<>();
        try {
            while (true) {
                if (stopReason == null) {
                    for (StepId id : order) {
                        if (results.containsKey(id) || running.contains(id)) {
                            continue;
                        }
                        Step step = plan.require(id);
                        if (!readyToStart(step, results)) {
                            continue;
                        }
                        boolean apply = targets.contains(id);
                        running.add(id);
                        futures.put(done.submit(() -> runOne(step, apply, mode, outputs)), id);
                    }
                }
                if (running.isEmpty()) {
                    break;
                }
                Future<StepResult> f = done.take();
                StepId id = futures.remove(f);
                running.remove(id);
                StepResult r = result(f, plan.require(id));
                results.put(id, r);
                if (r.status() == StepResult.Status.FAILED && stopReason == null) {
                    stopReason = "stopped after " + id + " failed";
                } else if (r.status() == StepResult.Status.INTERRUPTED && stopReason == null) {
                    stopReason = "interrupted";
                }
            }
        } finally {
            pool.shutdownNow();
        }
        List<StepResult> ordered = new ArrayList<>();
        for (StepId id : order) {
            StepResult r = results.get(id);
            if (r == null) {
                Step step = plan.require(id);
                String why = skipReason(step, results, stopReason);
                progress.emit(new ProgressEvent.StepSkipped(clock.instant(), id.value(), step.title(), why));
                r = StepResult.skipped(step, why);
            }
            ordered.add(r);
        }
        return new RunReport(ordered, Duration.between(start, clock.instant()));
    }

    private static boolean readyToStart(Step step, Map<StepId, StepResult> results) {
        for (StepId dep : step.dependsOn()) {
            StepResult r = results.get(dep);
            if (r == null || r.status() != StepResult.Status.SUCCEEDED) {
                return false;
            }
        }
        return true;
    }

    private static String skipReason(Step step, Map<StepId, StepResult> results, String stopReason) {
        for (StepId dep : step.dependsOn()) {
            StepResult r = results.get(dep);
            if (r != null && r.status() == StepResult.Status.FAILED) {
                return "needs " + dep + ", which failed";
            }
        }
        return stopReason == null ? "not started" : stopReason;
    }

    private StepResult result(Future<StepResult> f, Step step) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            HailctlException internal = new HailctlException(ExitCode.INTERNAL,
                    "internal error in step " + step.id() + ": " + e.getCause(), null, e.getCause());
            return StepResult.failed(step, internal, Duration.ZERO);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private StepResult runOne(Step step, boolean apply, Mode mode, Map<StepId, Map<String, String>> outputs) {
        Instant started = clock.instant();
        String id = step.id().value();
        StepRunner runner = runners.get(step.getClass());
        if (runner == null) {
            HailctlException e = new HailctlException(ExitCode.NOT_IMPLEMENTED,
                    "no runner for " + step.getClass().getSimpleName() + " steps in this version (step " + id + ")");
            progress.emit(new ProgressEvent.StepFailed(clock.instant(), id, step.title(), e.getMessage(), Duration.ZERO,
                    java.util.Optional.empty()));
            return StepResult.failed(step, e, Duration.ZERO);
        }
        StepContext ctx = new StepContext(id, progress, clock, sleeper, cancellation, confirmer, budget, true);
        Inputs inputs = Inputs.resolve(step, outputs);
        String action = !apply ? "read" : mode == Mode.PREVIEW ? "preview" : step.applyVerb();
        progress.emit(new ProgressEvent.StepStarted(started, id, step.title(), action));
        try {
            cancellation.check();
            StepOutcome outcome;
            if (!apply) {
                outcome = runner.read(step, inputs, ctx);
            } else if (mode == Mode.PREVIEW) {
                outcome = runner.preview(step, inputs, ctx);
            } else {
                outcome = runner.apply(step, inputs, ctx);
            }
            outputs.put(step.id(), outcome.outputs());
            Duration took = Duration.between(started, clock.instant());
            progress.emit(new ProgressEvent.StepFinished(clock.instant(), id, step.title(), outcome.change().words(),
                    took, outcome.outputs(), outcome.details().isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of(String.join("\n", outcome.details()))));
            return StepResult.succeeded(step, outcome, took);
        } catch (Cancellation.Detached | InterruptedException e) {
            return StepResult.interrupted(step, Duration.between(started, clock.instant()));
        } catch (HailctlException e) {
            Duration took = Duration.between(started, clock.instant());
            progress.emit(new ProgressEvent.StepFailed(clock.instant(), id, step.title(), e.getMessage(), took, e.hint()));
            return StepResult.failed(step, e, took);
        } catch (RuntimeException e) {
            Duration took = Duration.between(started, clock.instant());
            HailctlException internal = new HailctlException(ExitCode.INTERNAL,
                    "internal error in step " + id + ": " + e, "This is a bug in hailctl; re-run with -v and report it.", e);
            progress.emit(new ProgressEvent.StepFailed(clock.instant(), id, step.title(), internal.getMessage(), took,
                    internal.hint()));
            return StepResult.failed(step, internal, took);
        }
    }

}
