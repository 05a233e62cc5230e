package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.config.AmiSource;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.StepId;
import io.hailctl.progress.ProgressEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BuiltAmisTest {
    private static final String SHA = "3f9a0c1b2d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8";
    private static final String PARAM = "/hail/demo/ami/latest";
    private static final AmiStep STEP = new AmiStep(StepId.of("ami"), new AmiSource.Build(), "0.2.139", "none",
            "emr-7.12.0", "us-east-1", Map.of());

    private final FakeClock clock = new FakeClock();
    private final FakeBuilds builds = new FakeBuilds(clock);
    private final FakeImages images = new FakeImages();
    private final Map<String, String> ssm = new HashMap<>();
    private final Contexts.Recording progress = new Contexts.Recording();

    private BuiltAmis built(BuildPolicy policy) {
        return new BuiltAmis(builds, images, name -> Optional.ofNullable(ssm.get(name)), new FakeLogs(clock), policy);
    }

    private StepContext ctx() {
        return Contexts.on(clock, progress, Confirmer.NO);
    }

    private static Inputs inputs() {
        return Inputs.resolved(Map.of(AmiStep.ENVIRONMENT, "demo", AmiStep.BUILD_PROJECT, FakeBuilds.PROJECT,
                AmiStep.AMI_PARAMETER, PARAM, AmiStep.LOG_GROUP, "/aws/codebuild/demo-hail-ami",
                AmiStep.BUNDLE_SHA256, SHA));
    }

    /** What the buildspec does when a build succeeds: register and tag the AMI, record it in SSM. */
    private void packerWillPublish(String buildId, String amiId, String hail, String vep) {
        images.register(amiId, clock.instant().plus(Duration.ofMinutes(40)),
                FakeImages.publishedTags("demo", buildId, hail, vep, "emr-7.12.0"));
        ssm.put(PARAM, amiId);
    }

    private List<String> notes() {
        return progress.events().stream().filter(e -> e instanceof ProgressEvent.Note).map(e -> ((ProgressEvent.Note) e).text())
                .toList();
    }

    @Test
    void buildsWithTheVersionsAsOverridesAndFindsTheAmiByItsBuildIdTag() throws Exception {
        packerWillPublish("demo-hail-ami:build-1", "ami-0aaaaaaaaaaaaaaa1", "0.2.139", "none");
        StepOutcome out = built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx());
        assertEquals(List.of(Map.of("HAIL_VERSION", "0.2.139", "VEP_VERSION", "none", "EMR_RELEASE_LABEL", "emr-7.12.0",
                "PACKER_BUNDLE_SHA256", SHA)), builds.starts());
        assertEquals(Change.CREATED, out.change());
        assertEquals(Map.of("AmiId", "ami-0aaaaaaaaaaaaaaa1", "BuildId", "demo-hail-ami:build-1"), out.outputs());
        assertEquals(List.of("ami-0aaaaaaaaaaaaaaa1 (hail-ami-0aaaaaaaaaaaaaaa1) built by demo-hail-ami:build-1 for Hail "
                + "0.2.139, VEP none, emr-7.12.0", "recorded in SSM /hail/demo/ami/latest"), out.details());
        assertEquals(SHA, images.image("ami-0aaaaaaaaaaaaaaa1").orElseThrow().tag("hailctl:packer-bundle"),
                "the bundle the AMI was made from is recorded on it, so the next run can reuse it");
    }

    @Test
    void aSecondRunForTheSameVersionsAndBundleReusesTheAmiWithoutBuilding() throws Exception {
        packerWillPublish("demo-hail-ami:build-1", "ami-0aaaaaaaaaaaaaaa1", "0.2.139", "none");
        built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx());
        StepOutcome again = built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx());
        assertEquals(1, builds.starts().size(), "no second hour-long build");
        assertEquals(Change.UNCHANGED, again.change());
        assertEquals("ami-0aaaaaaaaaaaaaaa1", again.outputs().get("AmiId"));
    }

    @Test
    void anotherBundleOrOtherVersionsMeanANewBuild() throws Exception {
        images.register("ami-0aaaaaaaaaaaaaaa1", clock.instant(), withBundle(
                FakeImages.publishedTags("demo", "demo-hail-ami:old", "0.2.139", "none", "emr-7.12.0"), "0ld"));
        images.register("ami-0aaaaaaaaaaaaaaa2", clock.instant(), withBundle(
                FakeImages.publishedTags("demo", "demo-hail-ami:old2", "0.2.138", "none", "emr-7.12.0"), SHA));
        packerWillPublish("demo-hail-ami:build-1", "ami-0aaaaaaaaaaaaaaa3", "0.2.139", "none");
        StepOutcome out = built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx());
        assertEquals(1, builds.starts().size());
        assertEquals("ami-0aaaaaaaaaaaaaaa3", out.outputs().get("AmiId"));
    }

    @Test
    void aRunningBuildForTheSameVersionsIsAttachedToNotStartedTwice() throws Exception {
        Map<String, String> sameKey = Map.of("HAIL_VERSION", "0.2.139", "VEP_VERSION", "none",
                "EMR_RELEASE_LABEL", "emr-7.12.0", "PACKER_BUNDLE_SHA256", SHA, "ENVIRONMENT_NAME", "demo");
        builds.existing("demo-hail-ami:other-versions", clock.instant().minusSeconds(60),
                Map.of("HAIL_VERSION", "0.2.138"), FakeBuilds.success(), BuildStatus.SUCCEEDED);
        builds.existing("demo-hail-ami:running", clock.instant().minusSeconds(600), sameKey, FakeBuilds.success(),
                BuildStatus.SUCCEEDED);
        packerWillPublish("demo-hail-ami:running", "ami-0aaaaaaaaaaaaaaa1", "0.2.139", "none");
        StepOutcome out = built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx());
        assertEquals(List.of(), builds.starts(), "no new build");
        assertEquals(Map.of("AmiId", "ami-0aaaaaaaaaaaaaaa1", "BuildId", "demo-hail-ami:running"), out.outputs());
        assertTrue(notes().contains("build demo-hail-ami:running for the same versions is already running: attaching to it"),
                notes().toString());
    }

    @Test
    void reattachesToAGivenBuildWithoutStartingOne() throws Exception {
        builds.existing("demo-hail-ami:abc", clock.instant().minusSeconds(1200), Map.of("HAIL_VERSION", "0.2.140",
                "PACKER_BUNDLE_SHA256", "other"), FakeBuilds.success(), BuildStatus.SUCCEEDED);
        packerWillPublish("demo-hail-ami:abc", "ami-0aaaaaaaaaaaaaaa1", "0.2.140", "none");
        BuildPolicy attach = new BuildPolicy(new BuildPolicy.AttachTo("demo-hail-ami:abc"), true, false);
        StepOutcome out = built(attach).apply(STEP, inputs(), ctx());
        assertEquals(List.of(), builds.starts());
        assertEquals(Change.CREATED, out.change(), "it was still running when attached");
        assertEquals("ami-0aaaaaaaaaaaaaaa1", out.outputs().get("AmiId"));
        assertEquals("other", images.image("ami-0aaaaaaaaaaaaaaa1").orElseThrow().tag("hailctl:packer-bundle"),
                "an attached build's AMI is recorded with the bundle that build used");
        assertTrue(progress.activities().contains("build demo-hail-ami:abc ATTACHED"), progress.activities().toString());
    }

    @Test
    void attachWithoutAnIdTakesTheNewestBuildOfTheProject() throws Exception {
        builds.existing("demo-hail-ami:older", clock.instant().minusSeconds(9000), Map.of(), FakeBuilds.success(),
                BuildStatus.SUCCEEDED);
        builds.existing("demo-hail-ami:newest", clock.instant().minusSeconds(60), Map.of(), FakeBuilds.success(),
                BuildStatus.SUCCEEDED);
        packerWillPublish("demo-hail-ami:newest", "ami-0aaaaaaaaaaaaaaa1", "0.2.139", "none");
        StepOutcome out = built(new BuildPolicy(new BuildPolicy.AttachLatest(), true, false)).apply(STEP, inputs(), ctx());
        assertEquals("demo-hail-ami:newest", out.outputs().get("BuildId"));
    }

    @Test
    void attachingToABuildOfAnotherProjectOrToNothingIsRefused() {
        StepFailedException none = assertThrows(StepFailedException.class, () -> built(new BuildPolicy(
                new BuildPolicy.AttachLatest(), true, false)).apply(STEP, inputs(), ctx()));
        assertEquals("project demo-hail-ami has no builds to attach to", none.getMessage());
        assertEquals(ExitCode.REFUSED, none.exitCode());
        StepFailedException unknown = assertThrows(StepFailedException.class, () -> built(new BuildPolicy(
                new BuildPolicy.AttachTo("demo-hail-ami:nope"), true, false)).apply(STEP, inputs(), ctx()));
        assertEquals("--attach demo-hail-ami:nope: no such build in CodeBuild", unknown.getMessage());
        assertEquals(ExitCode.USAGE, unknown.exitCode());
    }

    @Test
    void noWaitReturnsOnceStartedWithTheBuildIdAndHowToFollowIt() throws Exception {
        StepOutcome out = built(new BuildPolicy(new BuildPolicy.Reuse(), false, false)).apply(STEP, inputs(), ctx());
        assertEquals(Change.STARTED, out.change());
        assertEquals(Map.of("AmiId", "", "BuildId", "demo-hail-ami:build-1"), out.outputs());
        assertEquals(List.of("build demo-hail-ami:build-1 started",
                "Follow it with: hailctl build-ami --attach demo-hail-ami:build-1 --follow"), out.details());
        assertEquals(List.of(), clock.sleeps(), "no waiting at all");
    }

    @Test
    void rebuildStartsANewBuildEvenWhenAMatchingAmiExists() throws Exception {
        images.register("ami-0aaaaaaaaaaaaaaa1", clock.instant(), withBundle(
                FakeImages.publishedTags("demo", "demo-hail-ami:old", "0.2.139", "none", "emr-7.12.0"), SHA));
        packerWillPublish("demo-hail-ami:build-1", "ami-0aaaaaaaaaaaaaaa2", "0.2.139", "none");
        StepOutcome out = built(new BuildPolicy(new BuildPolicy.Rebuild(), true, false)).apply(STEP, inputs(), ctx());
        assertEquals(1, builds.starts().size());
        assertEquals("ami-0aaaaaaaaaaaaaaa2", out.outputs().get("AmiId"));
    }

    @Test
    void aSucceededBuildThatPublishedNoAmiIsAFailureNamingTheTag() {
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx()));
        assertEquals("build demo-hail-ami:build-1 SUCCEEDED but no AMI tagged hailctl:build-id=demo-hail-ami:build-1 "
                + "exists in this account and region", e.getMessage());
        assertEquals("The build's post_build phase (packer/scripts/publish-ami.sh) tags the AMI: check its log: "
                + "aws logs tail /aws/codebuild/demo-hail-ami --log-stream-names stream-1", e.hint().orElseThrow());
    }

    @Test
    void aFailedBuildFailsTheStepWithItsPhaseAndReason() {
        builds.next(FakeBuilds.endingInBuild("FAILED", "COMMAND_EXECUTION_ERROR: Error while executing command: "
                + "packer build -color=false -timestamp-ui .. Reason: exit status 1"), BuildStatus.FAILED);
        StepFailedException e = assertThrows(StepFailedException.class,
                () -> built(BuildPolicy.DEPLOY).apply(STEP, inputs(), ctx()));
        assertEquals("build demo-hail-ami:build-1 FAILED in phase BUILD: COMMAND_EXECUTION_ERROR: Error while executing "
                + "command: packer build -color=false -timestamp-ui .. Reason: exit status 1", e.getMessage());
        assertEquals(ExitCode.FAILED, e.exitCode());
    }

    @Test
    void readingUsesTheMatchingAmiElseTheRecordedLatestElseRefuses() throws Exception {
        StepFailedException none = assertThrows(StepFailedException.class,
                () -> built(BuildPolicy.DEPLOY).read(STEP, inputs(), ctx()));
        assertEquals("ami.source = build: no AMI has been built for environment demo yet (SSM /hail/demo/ami/latest "
                + "is not set)", none.getMessage());
        assertEquals(ExitCode.REFUSED, none.exitCode());
        assertEquals("Build one first: hailctl build-ami (or hailctl deploy ami).", none.hint().orElseThrow());

        images.register("ami-0aaaaaaaaaaaaaaa1", clock.instant(),
                FakeImages.publishedTags("demo", "demo-hail-ami:x", "0.2.140", "116", "emr-7.12.0"));
        ssm.put(PARAM, "ami-0aaaaaaaaaaaaaaa1");
        StepOutcome latest = built(BuildPolicy.DEPLOY).read(STEP, inputs(), ctx());
        assertEquals(Change.READ, latest.change());
        assertEquals("ami-0aaaaaaaaaaaaaaa1", latest.outputs().get("AmiId"));
        assertEquals("no AMI built for Hail 0.2.139, VEP none, emr-7.12.0, bundle 3f9a0c1b2d4e yet: using the latest "
                + "built one, ami-0aaaaaaaaaaaaaaa1 (Hail 0.2.140, VEP 116, emr-7.12.0, from SSM /hail/demo/ami/latest)",
                latest.details().get(0));

        images.register("ami-0aaaaaaaaaaaaaaa2", clock.instant().minusSeconds(86400), withBundle(
                FakeImages.publishedTags("demo", "demo-hail-ami:y", "0.2.139", "none", "emr-7.12.0"), SHA));
        assertEquals("ami-0aaaaaaaaaaaaaaa2", built(BuildPolicy.DEPLOY).read(STEP, inputs(), ctx()).outputs().get("AmiId"),
                "an AMI for exactly the configured versions wins over a newer one for others");
        assertEquals(List.of(), builds.starts(), "reading never builds");
    }

    @Test
    void previewSaysWhatWouldHappenAndWritesNothing() throws Exception {
        StepOutcome fresh = built(BuildPolicy.DEPLOY).preview(STEP, inputs(), ctx());
        assertEquals(Change.WOULD_CREATE, fresh.change());
        assertEquals(List.of("would build an AMI for Hail 0.2.139, VEP none, emr-7.12.0, bundle 3f9a0c1b2d4e with "
                + "CodeBuild and Packer (about half an hour; over an hour with VEP)"), fresh.details());
        images.register("ami-0aaaaaaaaaaaaaaa2", clock.instant(), withBundle(
                FakeImages.publishedTags("demo", "demo-hail-ami:y", "0.2.139", "none", "emr-7.12.0"), SHA));
        StepOutcome known = built(BuildPolicy.DEPLOY).preview(STEP, inputs(), ctx());
        assertEquals(Change.UNCHANGED, known.change());
        assertEquals("ami-0aaaaaaaaaaaaaaa2", known.outputs().get("AmiId"));
        assertEquals(List.of(), builds.starts());
        assertEquals(List.of(), images.tagCalls());
    }

    private static Map<String, String> withBundle(Map<String, String> tags, String sha) {
        Map<String, String> out = new HashMap<>(tags);
        out.put("hailctl:packer-bundle", sha);
        return out;
    }
}
