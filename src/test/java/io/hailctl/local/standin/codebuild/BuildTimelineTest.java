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
