package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.progress.ProgressEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildWatcherTest {
    private final FakeClock clock = new FakeClock();
    private final FakeBuilds builds = new FakeBuilds(clock);
    private final FakeLogs logs = new FakeLogs(clock);
    private final Contexts.Recording progress = new Contexts.Recording();
    private final BuildWatcher watcher = new BuildWatcher(builds, logs);

    private StepContext ctx() {
        return Contexts.on(clock, progress, Confirmer.NO);
    }

    private List<String> notes() {
        return progress.events().stream().filter(e -> e instanceof ProgressEvent.Note).map(e -> ((ProgressEvent.Note) e).text())
                .toList();
    }

    @Test
    void reportsEachPhaseOnceAsItStartsAndEndsEvenWhenCodeBuildRepeatsThem() throws Exception {
        builds.repeatingPhases();
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        Build done = watcher.await(started, false, ctx());
        assertEquals(BuildStatus.SUCCEEDED, done.status());
        assertEquals(List.of(
                "SUBMITTED SUCCEEDED", "QUEUED IN_PROGRESS", "QUEUED SUCCEEDED",
                "PROVISIONING IN_PROGRESS", "PROVISIONING SUCCEEDED", "DOWNLOAD_SOURCE IN_PROGRESS", "DOWNLOAD_SOURCE SUCCEEDED",
                "INSTALL IN_PROGRESS", "INSTALL SUCCEEDED", "PRE_BUILD IN_PROGRESS", "PRE_BUILD SUCCEEDED",
                "BUILD IN_PROGRESS", "BUILD SUCCEEDED", "POST_BUILD IN_PROGRESS", "POST_BUILD SUCCEEDED",
                "UPLOAD_ARTIFACTS SUCCEEDED", "FINALIZING IN_PROGRESS", "FINALIZING SUCCEEDED"),
                progress.activities(), "every phase once per state, in order; UPLOAD_ARTIFACTS started and ended between two polls");
        ProgressEvent.StepActivity build = progress.events().stream()
                .filter(e -> e instanceof ProgressEvent.StepActivity a && a.resource().equals("BUILD")
                        && a.status().equals("SUCCEEDED")).map(e -> (ProgressEvent.StepActivity) e).findFirst().orElseThrow();
        assertEquals("40m00s", build.reason().orElseThrow(), "a finished phase says how long it took");
    }

    @Test
    void pollsBackOffToTenSecondsDuringTheLongBuildPhase() throws Exception {
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        watcher.await(started, false, ctx());
        List<Long> gaps = builds.readGaps().stream().map(Duration::toSeconds).toList();
        assertEquals(List.of(5L, 5L, 7L, 10L, 10L), gaps.subList(0, 5),
                "5 s after a change (QUEUED ends at 5 s), then backing off while quiet to the 10 s cap");
        assertEquals(10L, gaps.stream().mapToLong(Long::longValue).max().orElseThrow(), "never more than 10 s apart");
        assertTrue(gaps.stream().filter(g -> g == 10L).count() > 220, "the 40-minute BUILD phase is read every 10 s: " + gaps);
        assertTrue(builds.reads() <= 45 * 6.5, "a 45-minute build takes about six reads a minute: " + builds.reads());
    }

    @Test
    void readsTheBuildEverySecondAgainOnceItReachesEachClosingPhaseSoItsEndIsNoticedSoon() {
        BuildPollSchedule s = new BuildPollSchedule(false);
        for (int i = 0; i < 10; i++) {
            s.after(false, "BUILD");
        }
        assertEquals(Duration.ofSeconds(10), s.after(false, "BUILD"), "the long BUILD phase: at the cap");
        assertEquals(Duration.ofSeconds(1), s.after(true, "POST_BUILD"), "closing: its end is seconds away");
        assertEquals(Duration.ofMillis(1500), s.after(true, "POST_BUILD"), "news within the phase: backing off");
        assertEquals(Duration.ofSeconds(1), s.after(true, "UPLOAD_ARTIFACTS"));
        assertEquals(Duration.ofSeconds(1), s.after(false, "FINALIZING"));
        List<Long> slow = new java.util.ArrayList<>();
        for (int i = 0; i < 8; i++) {
            slow.add(s.after(false, "FINALIZING").toMillis());
        }
        assertEquals(List.of(1500L, 2250L, 3375L, 5063L, 7595L, 10000L, 10000L, 10000L), slow,
                "a closing phase that lasts backs off to the cap like any other");
    }

    @Test
    void aBuildWhoseClosingPhasesTakeSecondsIsSeenToEndWithinTwoSecondsWhereverItsEndFalls() throws Exception {
        // As Lifecycle.amiBuild() (the time-true emulator): a 20-minute BUILD, then 5 + 2 + 2 s of closing phases.
        // BUILD's end falls anywhere between two 10 s polls: each offset of it is tried.
        List<Duration> late = new java.util.ArrayList<>();
        for (int offset = 0; offset < 10; offset++) {
            FakeClock c = new FakeClock();
            FakeBuilds b = new FakeBuilds(c);
            Duration build = Duration.ofMinutes(21).plusSeconds(offset);
            b.next(List.of(new FakeBuilds.Phase("SUBMITTED", Duration.ZERO, "SUCCEEDED", List.of()),
                    new FakeBuilds.Phase("PROVISIONING", Duration.ofSeconds(47), "SUCCEEDED", List.of()),
                    new FakeBuilds.Phase("BUILD", build, "SUCCEEDED", List.of()),
                    new FakeBuilds.Phase("POST_BUILD", build.plusSeconds(5), "SUCCEEDED", List.of()),
                    new FakeBuilds.Phase("UPLOAD_ARTIFACTS", build.plusSeconds(7), "SUCCEEDED", List.of()),
                    new FakeBuilds.Phase("FINALIZING", build.plusSeconds(9), "SUCCEEDED", List.of())), BuildStatus.SUCCEEDED);
            Instant t0 = c.instant();
            new BuildWatcher(b, new FakeLogs(c)).await(b.start(FakeBuilds.PROJECT, Map.of()), false,
                    Contexts.on(c, new Contexts.Recording(), Confirmer.NO));
            late.add(Duration.between(t0.plus(build).plusSeconds(9), c.instant()));
        }
        assertTrue(late.stream().allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(2)) <= 0),
                "the end seen this long after it, for each offset: " + late);
    }

    @Test
    void followingStreamsTheLogLinesInOrderAndPollsEveryFiveSeconds() throws Exception {
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        Instant t0 = clock.instant();
        logs.line(t0.plusSeconds(80), "[Container] Entering phase INSTALL")
                .line(t0.plusSeconds(130), "packer 1.15.0 verified")
                .line(t0.plusSeconds(2000), "==> amazon-ebs.hail: Creating AMI hail-0.2.139-vep-none");
        watcher.await(started, true, ctx());
        List<String> logLines = progress.activities().stream().filter(a -> a.startsWith("log ")).toList();
        assertEquals(List.of("log [Container] Entering phase INSTALL", "log packer 1.15.0 verified",
                "log ==> amazon-ebs.hail: Creating AMI hail-0.2.139-vep-none"), logLines, "each line once, in order");
        assertTrue(builds.readGaps().stream().allMatch(d -> d.toSeconds() <= 5), "a followed log is read every 5 s at most");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "FAILED|FAILED|COMMAND_EXECUTION_ERROR: Error while executing command: packer build -color=false -timestamp-ui .. Reason: exit status 1"
                + "|build demo-hail-ami:build-1 FAILED in phase BUILD: COMMAND_EXECUTION_ERROR: Error while executing command: packer build -color=false -timestamp-ui .. Reason: exit status 1"
                + "|Fix the cause and re-run: hailctl build-ami.",
        "FAULT|FAULT|BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE: Unable to pull customer's container image"
                + "|build demo-hail-ami:build-1 FAULT in phase BUILD: BUILD_CONTAINER_UNABLE_TO_PULL_IMAGE: Unable to pull customer's container image"
                + "|Fix the cause and re-run: hailctl build-ami.",
        "TIMED_OUT|TIMED_OUT|BUILD_TIMED_OUT: Build has timed out."
                + "|build demo-hail-ami:build-1 TIMED_OUT in phase BUILD: BUILD_TIMED_OUT: Build has timed out. (the project's timeout is 240 min)"
                + "|VEP builds copy tens of GB: raise BuildTimeoutMinutes of the AMI stack if it was close, then re-run.",
        "STOPPED|STOPPED|BUILD_STOPPED: Build was stopped by user"
                + "|build demo-hail-ami:build-1 STOPPED in phase BUILD: BUILD_STOPPED: Build was stopped by user"
                + "|Someone stopped it (console or `aws codebuild stop-build`); start a new one: hailctl build-ami."})
    void aBadEndNamesTheFailedPhaseAndCodeBuildsReasonAfterTheLastLogLines(String end, String phaseStatus,
                                                                          String context, String message, String hint) {
        builds.next(FakeBuilds.endingInBuild(phaseStatus, context), BuildStatus.valueOf(end));
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        Instant t0 = clock.instant();
        for (int i = 1; i <= 25; i++) {
            logs.line(t0.plusSeconds(200 + i), "packer line " + i);
        }
        StepFailedException e = assertThrows(StepFailedException.class, () -> watcher.await(started, false, ctx()));
        assertEquals(message, e.getMessage());
        assertEquals(ExitCode.FAILED, e.exitCode());
        assertEquals(hint + " Full log: aws logs tail /aws/codebuild/demo-hail-ami --log-stream-names stream-1 --since 1d",
                e.hint().orElseThrow());
        List<String> notes = notes();
        assertEquals("last 20 lines of the log of build demo-hail-ami:build-1:", notes.get(0));
        assertEquals(21, notes.size(), "the last 20 lines of the log: " + notes);
        assertEquals("  packer line 6", notes.get(1));
        assertEquals("  packer line 25", notes.get(20));
        assertTrue(progress.activities().contains("BUILD " + phaseStatus), progress.activities().toString());
    }

    @Test
    void ctrlCDetachesWithoutStoppingTheBuildAndSaysHowToReattach() {
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        Cancellation cancel = new Cancellation();
        int[] sleeps = {0};
        StepContext ctx = new StepContext("ami", progress, clock, d -> {
            clock.sleep(d);
            if (++sleeps[0] == 40) {
                cancel.cancel();
            }
        }, cancel, Confirmer.NO, CallBudget.standard(clock, clock), true);
        assertThrows(Cancellation.Detached.class, () -> watcher.await(started, false, ctx));
        assertEquals(List.of("detached from build demo-hail-ami:build-1: it keeps running in CodeBuild (Ctrl-C does not "
                + "stop it); Re-attach with: hailctl build-ami --attach demo-hail-ami:build-1"), notes());
        assertEquals(BuildStatus.IN_PROGRESS, builds.build("demo-hail-ami:build-1").orElseThrow().status(),
                "the build was left running");
    }

    @Test
    void givesUpOnlyAfterTheBuildsOwnTimeoutsHavePassedAndSaysHowToReattach() {
        // A build stuck in BUILD for ever (CodeBuild would have timed it out: something is wrong there).
        builds.next(List.of(new FakeBuilds.Phase("SUBMITTED", Duration.ZERO, "SUCCEEDED", List.of()),
                new FakeBuilds.Phase("BUILD", Duration.ofDays(3), "SUCCEEDED", List.of())), BuildStatus.SUCCEEDED);
        Instant t0 = clock.instant();
        Build started = builds.start(FakeBuilds.PROJECT, Map.of());
        StepFailedException e = assertThrows(StepFailedException.class, () -> watcher.await(started, false, ctx()));
        assertEquals("build demo-hail-ami:build-1 is still IN_PROGRESS (phase BUILD) after waiting until its timeouts "
                + "(60 min queued + 240 min running) had passed", e.getMessage());
        assertEquals("Re-attach with: hailctl build-ami --attach demo-hail-ami:build-1", e.hint().orElseThrow());
        Duration waited = Duration.between(t0, clock.instant());
        assertTrue(waited.compareTo(Duration.ofMinutes(300 + 15)) >= 0 && waited.compareTo(Duration.ofMinutes(316)) <= 0,
                "waited the build's 300 minutes of timeouts plus 15 min grace: " + waited);
    }

    @Test
    void attachingLateWaitsOnlyForWhatIsLeftOfTheTimeouts() {
        builds.existing("demo-hail-ami:old", clock.instant().minus(Duration.ofHours(4)), Map.of(),
                List.of(new FakeBuilds.Phase("BUILD", Duration.ofDays(3), "SUCCEEDED", List.of())), BuildStatus.SUCCEEDED);
        Instant t0 = clock.instant();
        Build running = builds.build("demo-hail-ami:old").orElseThrow();
        assertThrows(StepFailedException.class, () -> watcher.await(running, false, ctx()));
        Duration waited = Duration.between(t0, clock.instant());
        assertTrue(waited.compareTo(Duration.ofMinutes(76)) < 0, "300 + 15 min from its start, 240 min of which had passed: "
                + waited);
    }
}
