package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.aws.EmulatorClusters;
import io.hailctl.aws.EmulatorStacks;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.cfn.Materialiser;
import io.hailctl.local.standin.cfn.StackChanges;
import io.hailctl.local.standin.emr.EmrStandIn;
import io.hailctl.local.standin.emr.StepPython;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The composition root of the emulator's stand-in: which gaps it fills, in which order, on which
 * adapters. Used by the {@code __stand-in} process and by tests that start a stand-in in-process.
 *
 * @param moto clients talking to moto directly (the gaps' own calls must not pass through the stand-in)
 */
public record StandInGaps(AwsClients moto, Consumer<String> log) {
    /** moto's fixed account. */
    public static final String EMULATOR_ACCOUNT = "123456789012";

    /** The gaps, outermost first. */
    public List<Gap> all() {
        return all(StepPython.fromEnvironment(System.getenv()));
    }

    /** The gaps, EMR steps run with {@code python} (tests choose theirs). */
    public List<Gap> all(StepPython python) {
        EmrStandIn emr = new EmrStandIn(new EmulatorClusters(moto.emr(), moto.s3()), python, log);
        List<Gap> gaps = new ArrayList<>();
        gaps.add(new StackChanges(new EmulatorStacks(moto.cloudFormation(), AwsTarget.EMULATOR_REGION, EMULATOR_ACCOUNT),
                materialisers(emr), log));
        gaps.add(emr.gap());
        return gaps;
    }

    /** What moto's CloudFormation skips or makes incompletely, completed per resource type. */
    List<Materialiser> materialisers(EmrStandIn emr) {
        List<Materialiser> all = new ArrayList<>();
        all.addAll(emr.materialisers());
        return all;
    }
}
