package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.config.AmiSource;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.preflight.Ec2Facts;
import io.hailctl.plan.AmiStep;

import java.util.List;
import java.util.Map;

/**
 * Decides the cluster's AMI. The default EMR AMI needs nothing (Hail is installed at boot, so the
 * output is empty); an explicit id is checked to exist. Catalogue and build sources are added by
 * the AMI work (issue #6) and refuse clearly until then.
 */
public final class AmiRunner implements StepRunner<AmiStep> {
    private final Ec2Facts ec2;

    public AmiRunner(Ec2Facts ec2) {
        this.ec2 = ec2;
    }

    @Override
    public Class<AmiStep> stepType() {
        return AmiStep.class;
    }

    @Override
    public StepOutcome apply(AmiStep step, Inputs inputs, StepContext ctx) {
        return decide(step, Change.UNCHANGED);
    }

    @Override
    public StepOutcome read(AmiStep step, Inputs inputs, StepContext ctx) {
        return decide(step, Change.READ);
    }

    @Override
    public StepOutcome preview(AmiStep step, Inputs inputs, StepContext ctx) {
        return decide(step, Change.UNCHANGED);
    }

    private StepOutcome decide(AmiStep step, Change change) {
        AmiSource source = step.source();
        if (source instanceof AmiSource.DefaultAmi) {
            return new StepOutcome(change, Map.of(AmiStep.AMI_ID, ""),
                    List.of("default EMR AMI for " + step.releaseLabel() + ", Hail " + step.hailVersion() + " installed at boot"));
        }
        if (source instanceof AmiSource.Explicit explicit) {
            Ec2Facts.Image image = ec2.image(explicit.amiId()).orElseThrow(() -> new StepFailedException(ExitCode.REFUSED,
                    "ami.source = " + explicit.amiId() + ": no such AMI in this region", null));
            return new StepOutcome(change, Map.of(AmiStep.AMI_ID, image.id()), List.of(image.id() + " (" + image.name() + ")"));
        }
        throw new StepFailedException(ExitCode.NOT_IMPLEMENTED,
                "ami.source = " + source.yamlValue() + " is not implemented in this version yet (issue #6)",
                "Use ami.source: default (Hail installed at boot) or an explicit ami-... id.");
    }
}
