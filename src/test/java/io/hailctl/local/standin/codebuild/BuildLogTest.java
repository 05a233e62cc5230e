package io.hailctl.local.standin.codebuild;

import io.hailctl.bundle.Bundle;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuildLogTest {
    private static final Buildspec SPEC = Buildspec.parse(new Bundle().text("packer/buildspec.yml"));
    private static final Instant START = Instant.parse("2026-12-04T10:00:00Z");

    @Test
    void theBundledBuildspecsCommandsAreRead() {
        assertEquals(List.of("bash scripts/fetch-packer.sh"), SPEC.of("INSTALL"));
        assertEquals("packer build -color=false -timestamp-ui .", SPEC.of("BUILD").get(0));
        assertEquals("bash scripts/publish-ami.sh", SPEC.of("POST_BUILD").get(0));
        assertEquals(List.of(), SPEC.of("PROVISIONING"));
    }

    @Test
    void aPhaseLogsItsCommandsWhatRanAndHowItEnded() {
        BuildTimeline.Phase post = new BuildTimeline.Phase("POST_BUILD", START, Optional.of(START.plusSeconds(1)),
                Optional.of("SUCCEEDED"), Optional.empty());
        List<BuildLogSink.Event> lines = BuildLog.of(post, SPEC.of("POST_BUILD"),
                Map.of("bash scripts/publish-ami.sh", List.of("publish-ami: /hail/demo/ami/latest = ami-1")), Optional.empty());
        List<String> messages = lines.stream().map(BuildLogSink.Event::message).toList();
        assertEquals("[Container] 2026/12/04 10:00:00.000000 Entering phase POST_BUILD", messages.get(0));
        assertTrue(messages.get(1).endsWith(" Running command bash scripts/publish-ami.sh"), messages.get(1));
        assertEquals("publish-ami: /hail/demo/ami/latest = ami-1", messages.get(2));
        assertEquals(BuildLog.NOT_RUN, messages.get(4), "the commands after the publish step are not run");
        assertTrue(messages.get(messages.size() - 2).endsWith("Phase complete: POST_BUILD State: SUCCEEDED"), messages.toString());
        for (int i = 1; i < lines.size(); i++) {
            assertTrue(lines.get(i).at().isAfter(lines.get(i - 1).at()), "increasing times: " + lines);
        }
    }

    @Test
    void aFailedPhaseEndsAtItsLastCommandWithCodeBuildsReason() {
        BuildFailure failure = BuildFailure.asked(Map.of(), Map.of(BuildFailure.VARIABLE, "build"), SPEC).orElseThrow();
        assertEquals("COMMAND_EXECUTION_ERROR: Error while executing command: packer build -color=false -timestamp-ui .. "
                + "Reason: exit status 1", failure.reason());
        BuildTimeline.Phase build = new BuildTimeline.Phase("BUILD", START, Optional.of(START.plusSeconds(1)),
                Optional.of("FAILED"), Optional.of(failure.reason()));
        List<String> messages = BuildLog.of(build, SPEC.of("BUILD"), Map.of(), Optional.of(failure.command())).stream().map(BuildLogSink.Event::message).toList();
        assertTrue(messages.contains("hailctl emulator stand-in: this command fails (HAILCTL_STANDIN_FAIL_BUILD=BUILD)"),
                messages.toString());
        assertTrue(messages.get(messages.size() - 1).endsWith("Phase context status code: COMMAND_EXECUTION_ERROR Message: "
                + "Error while executing command: packer build -color=false -timestamp-ui .. Reason: exit status 1"),
                messages.toString());
    }

    @Test
    void aBuildsOwnOverrideWinsAndAnUnknownPhaseIsRefusedByName() {
        assertEquals("INSTALL", BuildFailure.asked(Map.of(BuildFailure.VARIABLE, "INSTALL"),
                Map.of(BuildFailure.VARIABLE, "BUILD"), SPEC).orElseThrow().phase());
        assertEquals(Optional.empty(), BuildFailure.asked(Map.of(), Map.of(), SPEC));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> BuildFailure.asked(Map.of(), Map.of(BuildFailure.VARIABLE, "QUEUED"), SPEC));
        assertEquals("HAILCTL_STANDIN_FAIL_BUILD = \"QUEUED\": expected one of INSTALL, PRE_BUILD, BUILD, POST_BUILD "
                + "(the phases that run buildspec commands)", e.getMessage());
    }
}
