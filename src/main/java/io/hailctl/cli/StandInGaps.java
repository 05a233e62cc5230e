package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.aws.EmulatorAmiRecords;
import io.hailctl.aws.EmulatorBuildLogs;
import io.hailctl.aws.EmulatorBuildRecords;
import io.hailctl.aws.EmulatorClusters;
import io.hailctl.aws.EmulatorCodeBuildProjects;
import io.hailctl.aws.EmulatorSchedulerSchedules;
import io.hailctl.aws.EmulatorStacks;
import io.hailctl.bundle.Bundle;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.cfn.Materialiser;
import io.hailctl.local.standin.cfn.StackChanges;
import io.hailctl.local.standin.codebuild.CodeBuildApi;
import io.hailctl.local.standin.codebuild.CodeBuildBuildsGap;
import io.hailctl.local.standin.codebuild.CodeBuildStandIn;
import io.hailctl.local.standin.codebuild.ProjectMaterialiser;
import io.hailctl.local.standin.emr.EmrStandIn;
import io.hailctl.local.standin.emr.StepPython;
import io.hailctl.local.standin.scheduler.SchedulerStandIn;
import io.hailctl.local.standin.timing.TimeTrue;
import io.hailctl.local.standin.timing.TimedStacks;
import io.hailctl.local.standin.timing.TimedStarts;
import io.hailctl.local.timing.Lifecycle;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The composition root of the emulator's stand-in: which gaps it fills, in which order, on which
 * adapters. Used by the {@code __stand-in} process and by tests that start a stand-in in-process.
 *
 * @param moto clients talking to moto directly (the gaps' own calls must not pass through the stand-in)
 * @param env  the stand-in's environment (switches such as HAILCTL_STANDIN_FAIL_BUILD, HAILCTL_STANDIN_PYTHON,
 *             HAILCTL_STANDIN_TIMINGS)
 */
public record StandInGaps(AwsClients moto, Consumer<String> log, Map<String, String> env) {
    /** moto's fixed account. */
    public static final String EMULATOR_ACCOUNT = "123456789012";
    /** How long each phase of a stand-in CodeBuild build lasts (about ten seconds a build). */
    static final Duration BUILD_PHASE = Duration.ofSeconds(1);

    public StandInGaps(AwsClients moto, Consumer<String> log) {
        this(moto, log, Map.of());
    }

    /** The gaps, outermost first. */
    public List<Gap> all() {
        return all(StepPython.fromEnvironment(env));
    }

    /** The gaps, EMR steps run with {@code python} (tests choose theirs). */
    public List<Gap> all(StepPython python) {
        return all(python, Clock.systemUTC());
    }

    /** The gaps on a clock of the caller's (tests of the time-true mode advance theirs). */
    public List<Gap> all(StepPython python, Clock clock) {
        EmrStandIn emr = new EmrStandIn(new EmulatorClusters(moto.emr(), moto.s3()), python, log);
        SchedulerStandIn scheduler = schedulerStandIn(emr);
        List<Gap> gaps = new ArrayList<>();
        // Time-true mode (off unless asked): outermost, so it times what the other gaps finally answer. The
        // clusters and notebooks a stack creates start over their resource's slot of the stack's timeline.
        Optional<TimeTrue> timeTrue = TimeTrue.fromEnv(env);
        timeTrue.ifPresent(t -> {
            TimedStacks stacks = new TimedStacks(t.table(), clock, log);
            gaps.add(new TimedStarts(stacks, clock));
            gaps.add(stacks);
        });
        gaps.add(new StackChanges(new EmulatorStacks(moto.cloudFormation(), AwsTarget.EMULATOR_REGION, EMULATOR_ACCOUNT),
                materialisers(emr, scheduler), log));
        gaps.add(new CodeBuildBuildsGap(new CodeBuildApi(codeBuildStandIn(timeTrue, clock), AwsTarget.EMULATOR_REGION, EMULATOR_ACCOUNT)));
        gaps.add(emr.gap());
        gaps.add(scheduler.gap());
        return gaps;
    }

    /** One-time schedules (the hard stop of `cluster start --max-age`); the target they can run: EMR TerminateJobFlows. */
    private SchedulerStandIn schedulerStandIn(EmrStandIn emr) {
        return new SchedulerStandIn(new EmulatorSchedulerSchedules(moto.scheduler()),
                (arn, input) -> arn.endsWith(":scheduler:::aws-sdk:emr:terminateJobFlows") && emr.terminateJobFlows(input),
                Clock.systemUTC(), log);
    }

    /** What moto's CloudFormation skips or makes incompletely, completed per resource type. */
    List<Materialiser> materialisers(EmrStandIn emr, SchedulerStandIn scheduler) {
        List<Materialiser> all = new ArrayList<>();
        all.add(new ProjectMaterialiser(new EmulatorCodeBuildProjects(moto.codeBuild())));
        all.addAll(emr.materialisers());
        all.add(scheduler.materialiser());
        return all;
    }

    /**
     * CodeBuild builds: phases over a few seconds (in time-true mode an AMI build's typical phases at the
     * table's scale), the log in CloudWatch Logs, the buildspec's publish step.
     */
    private CodeBuildStandIn codeBuildStandIn(Optional<TimeTrue> timeTrue, Clock clock) {
        return new CodeBuildStandIn(new EmulatorCodeBuildProjects(moto.codeBuild()), new EmulatorBuildRecords(moto.ssm()),
                new EmulatorBuildLogs(moto.logs()), new EmulatorAmiRecords(moto.ec2(), moto.ssm()), AwsTarget.EMULATOR_REGION,
                new Bundle().text("packer/buildspec.yml"),
                timeTrue.map(t -> Lifecycle.amiBuild().scaled(t.table().scale())), BUILD_PHASE, env, clock);
    }
}
