package io.hailctl.deploy;

import io.hailctl.ExitCode;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.plan.AccessPointStep;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Value;
import io.hailctl.progress.ProgressEvent;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeploymentTest {
    private final FakeClock clock = new FakeClock();
    private final Contexts.Recording progress = new Contexts.Recording();
    private final Cancellation cancellation = new Cancellation();
    private final Map<String, Function<Inputs, StepOutcome>> behaviour = new ConcurrentHashMap<>();
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    /** A runner for test steps whose behaviour each test scripts per step id. */
    private final StepRunner<AccessPointStep> runner = new StepRunner<>() {
        @Override
        public Class<AccessPointStep> stepType() {
            return AccessPointStep.class;
        }

        @Override
        public StepOutcome apply(AccessPointStep step, Inputs inputs, StepContext ctx) {
            calls.add("apply " + step.id());
            return behaviour.getOrDefault(step.id().value(), i -> ok(step.id().value())).apply(inputs);
        }

        @Override
        public StepOutcome read(AccessPointStep step, Inputs inputs, StepContext ctx) {
            calls.add("read " + step.id());
            return ok(step.id().value());
        }

        @Override
        public StepOutcome preview(AccessPointStep step, Inputs inputs, StepContext ctx) {
            calls.add("preview " + step.id());
            return StepOutcome.of(Change.WOULD_CREATE, Map.of());
        }
    };

    private static StepOutcome ok(String id) {
        return StepOutcome.of(Change.CREATED, Map.of("AccessPointId", "fsap-" + id, "AccessPointArn", "arn:" + id));
    }

    private static AccessPointStep step(String id, String... needs) {
        java.util.Map<String, Value> inputs = new java.util.LinkedHashMap<>();
        for (String n : needs) {
            inputs.put("From" + n, Value.outputOf(StepId.of(n), "AccessPointId"));
        }
        return new AccessPointStep(StepId.of(id), "fs-0123456789abcdef0", id, inputs);
    }

    private Deployment engine() {
        return new Deployment(List.of(runner), progress, clock, clock, cancellation, Confirmer.NO,
                CallBudget.standard(clock, clock), 8);
    }

    private static Set<StepId> all(Plan plan) {
        Set<StepId> ids = new java.util.LinkedHashSet<>();
        plan.steps().forEach(s -> ids.add(s.id()));
        return ids;
    }

    @Test
    void independentStepsRunAtTheSameTime() throws Exception {
        CountDownLatch bothStarted = new CountDownLatch(2);
        Function<Inputs, StepOutcome> meet = i -> {
            bothStarted.countDown();
            try {
                assertTrue(bothStarted.await(5, TimeUnit.SECONDS), "the other step never started alongside");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ok("x");
        };
        behaviour.put("alice", meet);
        behaviour.put("bob", meet);
        Plan plan = Plan.of(List.of(step("alice"), step("bob")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertTrue(report.ok(), report.toString());
    }

    @Test
    void aStepStartsWhenItsOwnInputsAreReadyNotWhenAWholeWaveIs() throws Exception {
        // ami is slow; notebook needs only s3; ami must still be running when notebook starts.
        CountDownLatch notebookStarted = new CountDownLatch(1);
        behaviour.put("ami", i -> {
            try {
                assertTrue(notebookStarted.await(5, TimeUnit.SECONDS), "notebook waited for the slow AMI step");
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ok("ami");
        });
        behaviour.put("notebook", i -> {
            notebookStarted.countDown();
            return ok("notebook");
        });
        Plan plan = Plan.of(List.of(step("s3"), step("ami"), step("notebook", "s3"), step("emr", "ami", "s3")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertTrue(report.ok(), report.toString());
    }

    @Test
    void outputsFlowIntoTheInputsOfLaterSteps() throws Exception {
        List<Map<String, String>> seen = new ArrayList<>();
        behaviour.put("notebook", i -> {
            seen.add(i.values());
            return ok("notebook");
        });
        Plan plan = Plan.of(List.of(step("s3"), step("notebook", "s3")));
        engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertEquals(List.of(Map.of("Froms3", "fsap-s3")), seen);
    }

    @Test
    void afterAFailureDependentsAreSkippedWithTheReasonAndNothingNewStarts() throws Exception {
        behaviour.put("network", i -> {
            throw new StepFailedException("stack demo-network CREATE_FAILED: Sg (AWS::EC2::SecurityGroup): boom", "fix it");
        });
        Plan plan = Plan.of(List.of(step("network"), step("notebook", "network"), step("emr", "network")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertEquals(ExitCode.FAILED, report.exitCode());
        assertEquals(List.of("FAILED", "SKIPPED", "SKIPPED"),
                report.results().stream().map(r -> r.status().name()).toList());
        assertEquals("needs network, which failed", report.results().get(1).skippedBecause().orElseThrow());
        assertEquals(List.of("apply network"), calls, "nothing started after the failure");
        assertTrue(progress.events().stream().anyMatch(e -> e instanceof ProgressEvent.StepFailed f
                && f.rootCause().equals("stack demo-network CREATE_FAILED: Sg (AWS::EC2::SecurityGroup): boom")));
    }

    @Test
    void aFailureStopsIndependentStepsThatHaveNotStartedYet() throws Exception {
        CountDownLatch aFailed = new CountDownLatch(1);
        behaviour.put("a", i -> {
            aFailed.countDown();
            throw new StepFailedException("a broke", null);
        });
        behaviour.put("c", i -> {
            try {
                // c (independent of a) is still running when a fails; d, which needs c, must not start.
                assertTrue(aFailed.await(5, TimeUnit.SECONDS));
                Thread.sleep(200);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return ok("c");
        });
        Plan plan = Plan.of(List.of(step("a"), step("b", "a"), step("c"), step("d", "c")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertEquals(StepResult.Status.SUCCEEDED, report.result("c").orElseThrow().status(), "running steps finish");
        assertEquals("stopped after a failed", report.result("d").orElseThrow().skippedBecause().orElseThrow());
        assertEquals("needs a, which failed", report.result("b").orElseThrow().skippedBecause().orElseThrow());
        assertFalse(calls.contains("apply d"));
    }

    @Test
    void dependenciesOutsideTheTargetsAreReadNotDeployed() throws Exception {
        Plan plan = Plan.of(List.of(step("s3"), step("network"), step("notebook", "s3", "network"), step("emr", "network")));
        RunReport report = engine().run(plan, Set.of(StepId.of("notebook")), Deployment.Mode.APPLY);
        assertTrue(report.ok());
        List<String> sorted = new ArrayList<>(calls);
        Collections.sort(sorted);
        assertEquals(List.of("apply notebook", "read network", "read s3"), sorted, "emr untouched, deps only read");
    }

    @Test
    void previewModePreviewsTargetsAndWritesNothing() throws Exception {
        Plan plan = Plan.of(List.of(step("s3"), step("notebook", "s3")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.PREVIEW);
        assertTrue(report.ok());
        List<String> sorted = new ArrayList<>(calls);
        Collections.sort(sorted);
        assertEquals(List.of("preview notebook", "preview s3"), sorted);
    }

    @Test
    void ctrlCInterruptsTheRunAndTheExitCodeSaysSo() throws Exception {
        behaviour.put("s3", i -> {
            cancellation.cancel();
            throw new Cancellation.Detached();
        });
        Plan plan = Plan.of(List.of(step("s3"), step("notebook", "s3")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertEquals(ExitCode.INTERRUPTED, report.exitCode());
        assertEquals(StepResult.Status.INTERRUPTED, report.result("s3").orElseThrow().status());
        assertEquals(StepResult.Status.SKIPPED, report.result("notebook").orElseThrow().status());
    }

    @Test
    void aBugInARunnerIsAnInternalErrorOfThatStepNotACrash() throws Exception {
        behaviour.put("s3", i -> {
            throw new NullPointerException("oops");
        });
        Plan plan = Plan.of(List.of(step("s3")));
        RunReport report = engine().run(plan, all(plan), Deployment.Mode.APPLY);
        assertEquals(ExitCode.INTERNAL, report.exitCode());
        assertTrue(report.result("s3").orElseThrow().failure().orElseThrow().getMessage()
                .startsWith("internal error in step s3: java.lang.NullPointerException: oops"));
    }

    private static void assertFalse(boolean b) {
        org.junit.jupiter.api.Assertions.assertFalse(b);
    }
}
