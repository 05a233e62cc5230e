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
import java.util.function.Supplier;

/**
 * Decides the cluster's AMI. The default EMR AMI needs nothing (Hail is installed at boot, so the
 * output is empty); an explicit id is checked to exist; `public` is looked up in the bundled
 * catalogue (and refused when it cannot run with the configured EMR release); `build` is the
 * CodeBuild/Packer build of {@link BuiltAmis}.
 */
public final class AmiRunner implements StepRunner<AmiStep> {
    private final Ec2Facts ec2;
    private final Supplier<PublicAmis> catalogue;
    private final BuiltAmis built;
    private final String region;

    public AmiRunner(Ec2Facts ec2, Supplier<PublicAmis> catalogue, BuiltAmis built, String region) {
        this.ec2 = ec2;
        this.catalogue = catalogue;
        this.built = built;
        this.region = region;
    }

    @Override
    public Class<AmiStep> stepType() {
        return AmiStep.class;
    }

    @Override
    public StepOutcome apply(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        if (step.source() instanceof AmiSource.Build) {
            return built.apply(step, inputs, ctx);
        }
        return decide(step, Change.UNCHANGED);
    }

    @Override
    public StepOutcome read(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        if (step.source() instanceof AmiSource.Build) {
            return built.read(step, inputs, ctx);
        }
        return decide(step, Change.READ);
    }

    @Override
    public StepOutcome preview(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        if (step.source() instanceof AmiSource.Build) {
            return built.preview(step, inputs, ctx);
        }
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
                    "ami.source = " + explicit.amiId() + ": no such AMI in " + region, null));
            return new StepOutcome(change, Map.of(AmiStep.AMI_ID, image.id()), List.of(image.id() + " (" + image.name() + ")"));
        }
        if (source instanceof AmiSource.PublicCatalogue) {
            PublicAmis.Entry entry = catalogue.get().resolve(region, step.hailVersion(), step.vepVersion(), step.releaseLabel());
            Ec2Facts.Image image = ec2.image(entry.amiId()).orElseThrow(() -> new StepFailedException(ExitCode.REFUSED,
                    "ami.source = public: the catalogue's " + entry.amiId() + " no longer exists in " + region,
                    PublicAmis.ALTERNATIVES));
            return new StepOutcome(change, Map.of(AmiStep.AMI_ID, image.id()),
                    List.of(entry.describe() + " from the public catalogue"));
        }
        throw new IllegalStateException("unhandled AMI source " + source);
    }
}
