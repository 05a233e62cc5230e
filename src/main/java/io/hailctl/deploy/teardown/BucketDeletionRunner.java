package io.hailctl.deploy.teardown;

import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.BucketDeletion;
import io.hailctl.plan.Deletion;

import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Deletes an empty bucket; keeps one holding data unless --delete-data (then empties it first). */
public final class BucketDeletionRunner implements StepRunner<BucketDeletion> {
    private static final Map<String, String> DONE = Map.of(Deletion.DELETED, "true");

    private final BucketEraser buckets;

    public BucketDeletionRunner(BucketEraser buckets) {
        this.buckets = buckets;
    }

    @Override
    public Class<BucketDeletion> stepType() {
        return BucketDeletion.class;
    }

    @Override
    public StepOutcome apply(BucketDeletion step, Inputs inputs, StepContext ctx) {
        OptionalLong count = buckets.objectCount(step.bucket());
        if (count.isEmpty()) {
            return new StepOutcome(Change.UNCHANGED, DONE, List.of("already gone"));
        }
        long n = count.getAsLong();
        if (n > 0 && !step.deleteData()) {
            return new StepOutcome(Change.UNCHANGED, DONE, List.of("kept: holds " + n + " object version(s); "
                    + "`hailctl destroy --delete-data` deletes it"));
        }
        long removed = n > 0 ? buckets.empty(step.bucket()) : 0;
        buckets.deleteBucket(step.bucket());
        return new StepOutcome(Change.DELETED, DONE, removed > 0 ? List.of(removed + " object version(s) deleted") : List.of());
    }

    @Override
    public StepOutcome read(BucketDeletion step, Inputs inputs, StepContext ctx) {
        return StepOutcome.of(Change.READ, DONE);
    }

    @Override
    public StepOutcome preview(BucketDeletion step, Inputs inputs, StepContext ctx) {
        OptionalLong count = buckets.objectCount(step.bucket());
        if (count.isEmpty()) {
            return new StepOutcome(Change.UNCHANGED, DONE, List.of("already gone"));
        }
        long n = count.getAsLong();
        if (n > 0 && !step.deleteData()) {
            return new StepOutcome(Change.UNCHANGED, DONE, List.of("would be kept: holds " + n + " object version(s)"));
        }
        return new StepOutcome(Change.WOULD_DELETE, DONE, n > 0 ? List.of("with its " + n + " object version(s)") : List.of());
    }
}
