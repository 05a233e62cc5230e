package io.hailctl.local.standin.codebuild;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.EmulatorAmiRecords;
import io.hailctl.aws.EmulatorBuildLogs;
import io.hailctl.aws.EmulatorBuildRecords;
import io.hailctl.aws.EmulatorCodeBuildProjects;
import io.hailctl.bundle.Bundle;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudwatchlogs.model.OutputLogEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The CodeBuild stand-in's builds on moto, read at chosen moments: phases, the log in CloudWatch, the publish step, failure. */
@ExtendWith(MotoExtension.class)
class CodeBuildStandInIT {
    private static final String PROJECT = "demo-hail-ami";
    private static final String GROUP = "/aws/codebuild/" + PROJECT;
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-04T10:00:00Z"));
    private AwsClients aws;

    @BeforeEach
    void setUp(Moto moto) {
        aws = moto.clients();
        Map<String, String> env = new LinkedHashMap<>();
        env.put("ENVIRONMENT_NAME", "demo");
        env.put("HAIL_VERSION", "0.2.139");
        env.put("VEP_VERSION", "none");
        env.put("EMR_RELEASE_LABEL", "emr-7.12.0");
        env.put("AMI_PARAMETER_PREFIX", "/hail/demo/ami");
        new EmulatorCodeBuildProjects(aws.codeBuild()).put(new ProjectSettings(PROJECT, "Packer build", 
                "arn:aws:iam::123456789012:role/demo-ami-BuildRole", "S3", "demo-hail/hailctl/packer/x.zip", "buildspec.yml",
                "LINUX_CONTAINER", "BUILD_GENERAL1_SMALL", "aws/codebuild/amazonlinux-x86_64-standard:5.0", env, 240, 60,
                Optional.of(GROUP), Map.of("managed-by", "hailctl")));
    }

    @AfterEach
    void tearDown() {
        aws.close();
    }

    private CodeBuildStandIn standIn(Map<String, String> standInEnv) {
        return new CodeBuildStandIn(new EmulatorCodeBuildProjects(aws.codeBuild()), new EmulatorBuildRecords(aws.ssm()),
                new EmulatorBuildLogs(aws.logs()), new EmulatorAmiRecords(aws.ec2(), aws.ssm()), "us-east-1",
                new Bundle().text("packer/buildspec.yml"), Duration.ofSeconds(1), standInEnv, clock);
    }

    private List<String> log(CodeBuildStandIn.BuildView b) {
        return aws.logs().getLogEvents(r -> r.logGroupName(b.logGroup()).logStreamName(b.record().logStream())
                .startFromHead(true)).events().stream().map(OutputLogEvent::message).toList();
    }

    @Test
    void aBuildGoesThroughItsPhasesLogsEachOnceAndPublishesItsAmi() {
        CodeBuildStandIn standIn = standIn(Map.of());
        CodeBuildStandIn.BuildView started = standIn.start(PROJECT, Map.of("HAIL_VERSION", "0.2.138"));
        String id = started.record().id();
        assertTrue(id.startsWith(PROJECT + ":"), id);
        assertEquals("IN_PROGRESS", started.progress().status());
        assertEquals("QUEUED", started.progress().currentPhase());
        assertEquals("0.2.138", started.record().environment().get("HAIL_VERSION"), "the override wins over the project's");
        assertEquals("demo", started.record().environment().get("ENVIRONMENT_NAME"));

        clock.advance(Duration.ofMillis(5500));
        CodeBuildStandIn.BuildView building = standIn.read(List.of(id)).get(0);
        assertEquals("BUILD", building.progress().currentPhase());
        List<String> soFar = log(building);
        assertTrue(soFar.get(soFar.size() - 2).endsWith("Phase complete: PRE_BUILD State: SUCCEEDED"), soFar.toString());
        assertEquals(Optional.empty(), building.record().amiId());

        clock.advance(Duration.ofSeconds(10));
        // Another process (a later `build-ami --attach`) reads the same build from the emulator.
        CodeBuildStandIn.BuildView done = standIn(Map.of()).read(List.of(id, PROJECT + ":unknown")).get(0);
        assertEquals("SUCCEEDED", done.progress().status());
        String ami = done.record().amiId().orElseThrow();
        assertEquals(ami, aws.ssm().getParameter(r -> r.name("/hail/demo/ami/latest")).parameter().value());
        assertEquals(ami, aws.ssm().getParameter(r -> r.name("/hail/demo/ami/0.2.138-vep-none")).parameter().value());
        assertEquals(Map.of("AMI_ID", ami), done.exported());
        List<String> all = log(done);
        assertTrue(all.contains("publish-ami: /hail/demo/ami/latest = " + ami), all.toString());
        assertTrue(all.get(all.size() - 2).endsWith("Phase complete: FINALIZING State: SUCCEEDED"), all.toString());

        standIn.read(List.of(id));
        assertEquals(all, log(done), "a finished build's log is written once");
        assertEquals(1, aws.ec2().describeImages(r -> r.owners("self")).images().size());

        String second = standIn.start(PROJECT, Map.of()).record().id();
        assertEquals(List.of(second, id), standIn.ids(PROJECT), "newest first");
    }

    @Test
    void aBuildMadeToFailFailsInThatPhaseWithCodeBuildsReasonAndPublishesNothing() {
        CodeBuildStandIn standIn = standIn(Map.of(BuildFailure.VARIABLE, "BUILD"));
        String id = standIn.start(PROJECT, Map.of()).record().id();
        clock.advance(Duration.ofSeconds(30));
        CodeBuildStandIn.BuildView done = standIn.read(List.of(id)).get(0);

        assertEquals("FAILED", done.progress().status());
        BuildTimeline.Phase build = done.progress().phases().stream().filter(p -> p.type().equals("BUILD")).findFirst()
                .orElseThrow();
        assertEquals(Optional.of("FAILED"), build.status());
        assertEquals(Optional.of("COMMAND_EXECUTION_ERROR: Error while executing command: packer build -color=false "
                + "-timestamp-ui .. Reason: exit status 1"), build.failure());
        assertEquals(Optional.empty(), done.record().amiId());
        assertEquals(List.of(), aws.ec2().describeImages(r -> r.owners("self")).images());
        assertTrue(log(done).contains("publish-ami: the build failed; nothing to publish"), log(done).toString());
    }

    @Test
    void aMissingProjectIsCodeBuildsNotFoundAndABadSwitchIsRefusedAtStart() {
        assertThrows(CodeBuildStandIn.MissingProject.class, () -> standIn(Map.of()).start("other-hail-ami", Map.of()));
        assertThrows(IllegalArgumentException.class, () -> standIn(Map.of(BuildFailure.VARIABLE, "SOMETIMES")));
    }
}
