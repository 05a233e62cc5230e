package io.hailctl.deploy.seed;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.SeedStep;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The `seed` step of a plan: syncs the Jupyter content into the bucket the s3 stack made. Its
 * summary line (uploaded / unchanged / deleted / bytes / time) is the step's detail, so it shows in
 * CI logs; each file is a step activity.
 */
public final class SeedRunner implements StepRunner<SeedStep> {
    private final SeedSync sync;
    private final Function<Optional<String>, SeedSource> sources;

    /** @param sources the content for a step: its folder when it names one, else the bundled content */
    public SeedRunner(SeedSync sync, Function<Optional<String>, SeedSource> sources) {
        this.sync = sync;
        this.sources = sources;
    }

    @Override
    public Class<SeedStep> stepType() {
        return SeedStep.class;
    }

    @Override
    public StepOutcome apply(SeedStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        SeedReport report = sync.run(inputs.get(SeedStep.BUCKET), sources.apply(step.folder()), step.deleteExtras(), true, ctx);
        return new StepOutcome(report.changed() ? Change.UPDATED : Change.UNCHANGED, Map.of(), List.of(report.summary()));
    }

    @Override
    public StepOutcome read(SeedStep step, Inputs inputs, StepContext ctx) {
        // Nothing reads the outputs of a seed (it has none): reading it is a no-op.
        return StepOutcome.of(Change.READ, Map.of());
    }

    @Override
    public StepOutcome preview(SeedStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        Optional<String> bucket = inputs.known(SeedStep.BUCKET);
        SeedSource source = sources.apply(step.folder());
        if (bucket.isEmpty()) {
            int n = source.files().size();
            return new StepOutcome(Change.WOULD_UPDATE, Map.of(), List.of("would upload " + n + (n == 1 ? " file" : " files")
                    + " from " + source.describe() + " once the bucket exists " + inputs.describe(SeedStep.BUCKET)));
        }
        SeedReport report = sync.run(bucket.get(), source, step.deleteExtras(), false, ctx);
        return new StepOutcome(report.changed() ? Change.WOULD_UPDATE : Change.UNCHANGED, Map.of(), List.of(report.summary()));
    }
}
