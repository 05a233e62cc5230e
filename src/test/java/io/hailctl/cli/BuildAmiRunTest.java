package io.hailctl.cli;

import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.RunReport;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepResult;
import io.hailctl.deploy.ami.BuildPolicy;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.Configs;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Topology;
import io.hailctl.plan.Value;
import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BuildAmiRunTest {
    private static BuildAmiRun.Request request(String hail, String vep, boolean noWait, String attach, boolean follow,
                                               boolean rebuild) {
        return new BuildAmiRun.Request(Optional.ofNullable(hail), Optional.ofNullable(vep), noWait,
                Optional.ofNullable(attach), follow, rebuild);
    }

    @Test
    void theFlagsBecomeHowTheAmiStepTreatsBuilds() {
        assertEquals(new BuildPolicy(new BuildPolicy.Reuse(), true, false),
                BuildAmiRun.policy(request(null, null, false, null, false, false)));
        assertEquals(new BuildPolicy(new BuildPolicy.Rebuild(), false, false),
                BuildAmiRun.policy(request("0.2.139", null, true, null, false, true)));
        assertEquals(new BuildPolicy(new BuildPolicy.AttachLatest(), true, true),
                BuildAmiRun.policy(request(null, null, false, "", true, false)));
        assertEquals(new BuildPolicy(new BuildPolicy.AttachTo("demo-hail-ami:abc"), true, false),
                BuildAmiRun.policy(request(null, null, false, "demo-hail-ami:abc", false, false)));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "build-ami --attach --no-wait|hailctl: --attach waits for a build; it cannot be used with --no-wait",
        "build-ami --attach x:1 --hail-version 0.2.139|hailctl: --attach follows a build that exists; --hail-version, --vep-version and --rebuild are for starting one",
        "build-ami --follow --no-wait|hailctl: --follow streams the log while waiting; it cannot be used with --no-wait",
        "build-ami --hail-version 0.2.120|hailctl: --hail-version = 0.2.120: Hail before 0.2.131 does not run on Spark 3.5 (EMR 7): use 0.2.131 or newer",
        "build-ami --vep-version latest|hailctl: --vep-version = latest: expected none or an Ensembl release number from 85 to 200"})
    void badFlagsAreUsageErrorsBeforeAnyConfigOrAwsIsTouched(String args, String line) {
        // No hailctl.yaml and no AWS here: the refusal must come first.
        CliRun.Result r = new CliRun().workingDir(java.nio.file.Path.of("/nonexistent")).run(args.split(" "));
        assertEquals(2, r.exitCode(), r.toString());
        assertEquals(line, r.err().lines().findFirst().orElseThrow());
    }

    @Test
    void thePlanBuildsTheAskedVersionsWhileTheStackKeepsTheFilesAndUsesTheContentAddressedBundle() {
        HailctlConfig config = Configs.twoUsers("ami:\n  source: build\n  hailVersion: 0.2.136\n");
        Plan plan = BuildAmiRun.plan(config, Configs.NETWORK, "0.2.139", "116");
        AmiStep ami = (AmiStep) plan.require(Topology.AMI);
        assertEquals("0.2.139", ami.hailVersion());
        assertEquals("116", ami.vepVersion());
        StackStep stack = (StackStep) plan.require(Topology.AMI_STACK);
        assertEquals(Value.literal("0.2.136"), stack.parameters().get("HailVersion"), "builds started by hand keep the file's");
        assertEquals(Value.outputOf(Topology.PACKER_BUNDLE, "BundleKey"), stack.parameters().get("PackerBundleKey"));
        assertEquals(Value.outputOf(Topology.PACKER_BUNDLE, "BundleSha256"), ami.inputs().get("PackerBundleSha256"));
    }

    @Test
    void afterABuildItSaysWhichAmiAndWhetherDeployWillUseIt() {
        HailctlConfig build = Configs.twoUsers("ami:\n  source: build\n");
        HailctlConfig byDefault = Configs.twoUsers("");
        RunReport created = report(Change.CREATED, Map.of("AmiId", "ami-0aaaaaaaaaaaaaaa1", "BuildId", "demo-hail-ami:b1"));
        Optional<String> versions = Optional.of("Hail 0.2.139, VEP none, emr-7.12.0");
        assertEquals(List.of("", "AMI ami-0aaaaaaaaaaaaaaa1 (Hail 0.2.139, VEP none, emr-7.12.0) is ready, built by "
                        + "demo-hail-ami:b1; the build recorded it in SSM /hail/demo/ami/latest.",
                "`hailctl deploy emr` uses it (ami.source: build)."), BuildAmiRun.closing(created, build, versions));
        assertEquals("hailctl.yaml has ami.source: default; set it to build (or to ami-0aaaaaaaaaaaaaaa1) for clusters to "
                + "use this AMI.", BuildAmiRun.closing(created, byDefault, versions).get(2));
        RunReport reused = report(Change.UNCHANGED, Map.of("AmiId", "ami-0aaaaaaaaaaaaaaa1", "BuildId", "demo-hail-ami:b1"));
        assertEquals("AMI ami-0aaaaaaaaaaaaaaa1 (Hail 0.2.139, VEP none, emr-7.12.0) was already built by demo-hail-ami:b1: "
                + "nothing to build (--rebuild builds it again).", BuildAmiRun.closing(reused, build, versions).get(1));
        RunReport started = report(Change.STARTED, Map.of("AmiId", "", "BuildId", "demo-hail-ami:b2"));
        assertEquals(List.of("", "Build demo-hail-ami:b2 is running in CodeBuild (about half an hour; over an hour with VEP).",
                "Attach to it: hailctl build-ami --attach demo-hail-ami:b2 [--follow]"),
                BuildAmiRun.closing(started, build, versions));
    }

    private static RunReport report(Change change, Map<String, String> outputs) {
        AmiStep step = (AmiStep) Topology.plan(Configs.twoUsers("ami:\n  source: build\n"), Configs.NETWORK)
                .require(Topology.AMI);
        return new RunReport(List.of(StepResult.succeeded(step, new StepOutcome(change, outputs, List.of()),
                Duration.ofMinutes(40))), Duration.ofMinutes(41));
    }
}
