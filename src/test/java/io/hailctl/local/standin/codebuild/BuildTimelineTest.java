package io.hailctl.local.standin.codebuild;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildTimelineTest {
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");
    private final BuildTimeline timeline = new BuildTimeline(Duration.ofSeconds(1));

    private BuildTimeline.Progress at(double seconds, Optional<String> failIn) {
        return timeline.at(START, START.plusMillis((long) (seconds * 1000)), failIn, "COMMAND_EXECUTION_ERROR: boom");
    }

    private static List<String> seen(BuildTimeline.Progress p) {
        return p.phases().stream().map(ph -> ph.type() + ":" + ph.status().orElse("-")).toList();
    }

    @Test
    void aBuildAdvancesOnePhasePerSecondAndSucceeds() {
        assertEquals(List.of("SUBMITTED:SUCCEEDED", "QUEUED:-"), seen(at(0, Optional.empty())));
        assertEquals("QUEUED", at(0.5, Optional.empty()).currentPhase());
        BuildTimeline.Progress building = at(5.5, Optional.empty());
        assertEquals("BUILD", building.currentPhase());
        assertEquals("IN_PROGRESS", building.status());
        assertEquals(Optional.empty(), building.end());

        BuildTimeline.Progress done = at(9, Optional.empty());
        assertEquals(List.of("SUBMITTED:SUCCEEDED", "QUEUED:SUCCEEDED", "PROVISIONING:SUCCEEDED", "DOWNLOAD_SOURCE:SUCCEEDED",
                "INSTALL:SUCCEEDED", "PRE_BUILD:SUCCEEDED", "BUILD:SUCCEEDED", "POST_BUILD:SUCCEEDED",
                "UPLOAD_ARTIFACTS:SUCCEEDED", "FINALIZING:SUCCEEDED", "COMPLETED:-"), seen(done));
        assertEquals("SUCCEEDED", done.status());
        assertEquals(Optional.of(START.plus(timeline.total())), done.end());
        assertEquals(Duration.ofSeconds(9), timeline.total());
        assertEquals(1, done.phases().get(6).durationSeconds());
    }

    @Test
    void inTheTimeTrueModeEachPhaseTakesTheAmiBuildLifecyclesScaledDuration() {
        // Lifecycle.amiBuild(): QUEUED 5 s, PROVISIONING 40 s, DOWNLOAD_SOURCE 5 s, INSTALL 30 s, PRE_BUILD 5 s,
        // BUILD 18 min, POST_BUILD 5 s, UPLOAD_ARTIFACTS 2 s, FINALIZING 2 s; SUBMITTED is the instant it starts.
        BuildTimeline timeTrue = BuildTimeline.of(io.hailctl.local.timing.Lifecycle.amiBuild().scaled(0.1));
        assertEquals(Duration.ofMillis(117_400), timeTrue.total());
        assertEquals("PROVISIONING", timeTrue.at(START, START.plusMillis(4_400), Optional.empty(), "").currentPhase());
        BuildTimeline.Progress building = timeTrue.at(START, START.plusMillis(8_500 + 108_000 - 1), Optional.empty(), "");
        assertEquals("BUILD", building.currentPhase());
        assertEquals(4, building.phases().get(2).durationSeconds(), "PROVISIONING: 40 s at 1/10");
        BuildTimeline.Progress done = timeTrue.at(START, START.plus(timeTrue.total()), Optional.empty(), "");
        assertEquals("SUCCEEDED", done.status());
        assertEquals(Optional.of(START.plusMillis(117_400)), done.end());
    }

    @Test
    void aFailedBuildPhaseStillRunsPostBuildAndEndsFailedWithTheReason() {
        BuildTimeline.Progress done = at(20, Optional.of("BUILD"));
        assertEquals(List.of("SUBMITTED:SUCCEEDED", "QUEUED:SUCCEEDED", "PROVISIONING:SUCCEEDED", "DOWNLOAD_SOURCE:SUCCEEDED",
                "INSTALL:SUCCEEDED", "PRE_BUILD:SUCCEEDED", "BUILD:FAILED", "POST_BUILD:SUCCEEDED",
                "UPLOAD_ARTIFACTS:SUCCEEDED", "FINALIZING:SUCCEEDED", "COMPLETED:-"), seen(done));
        assertEquals("FAILED", done.status());
        assertEquals(Optional.of("COMMAND_EXECUTION_ERROR: boom"), done.phases().get(6).failure());
    }

    @Test
    void anInstallFailureGoesStraightToFinalizing() {
        BuildTimeline.Progress done = at(20, Optional.of("INSTALL"));
        assertEquals(List.of("SUBMITTED:SUCCEEDED", "QUEUED:SUCCEEDED", "PROVISIONING:SUCCEEDED", "DOWNLOAD_SOURCE:SUCCEEDED",
                "INSTALL:FAILED", "FINALIZING:SUCCEEDED", "COMPLETED:-"), seen(done));
        assertEquals(Optional.of(START.plusSeconds(5)), done.end());
        assertEquals("FINALIZING", at(4.5, Optional.of("INSTALL")).currentPhase());
    }
}
