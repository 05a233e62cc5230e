package io.hailctl.deploy.status;

import io.hailctl.HailctlException;
import io.hailctl.deploy.seed.SeedDiff;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.status.EnvironmentStatus.SeedView;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.Topology;

import java.util.List;
import java.util.Optional;

/**
 * The seeded-content part of the status: the jupyter/ content this build bundles compared with the
 * Jupyter bucket of the settled s3 stack, by the same diff `hailctl seed` makes, without writing.
 */
final class SeedStatus {
    private final SeedSource source;
    private final Optional<String> bucket;
    private final Optional<Pending<SeedDiff>> diff;

    private SeedStatus(SeedSource source, Optional<String> bucket, Optional<Pending<SeedDiff>> diff) {
        this.source = source;
        this.bucket = bucket;
        this.diff = diff;
    }

    /** Starts the diff, when there is a bucket and something to seed into it. */
    static SeedStatus start(SeedSync seed, SeedSource source, ParallelReads pool, FoundStacks found) {
        Optional<String> bucket = found.get(Topology.s3StackName(found.environment()))
                .filter(s -> s.category() == StackStatus.Category.SETTLED)
                .flatMap(s -> FoundStacks.output(s, "JupyterBucket"));
        Optional<Pending<SeedDiff>> diff = bucket.isPresent() && !source.files().isEmpty()
                ? Optional.of(pool.start(() -> seed.diff(bucket.get(), source, false))) : Optional.empty();
        return new SeedStatus(source, bucket, diff);
    }

    /** @param problems where a diff that could not be made is reported */
    SeedView view(List<String> problems) throws InterruptedException {
        int files = source.files().size();
        if (bucket.isEmpty()) {
            return new SeedView(EnvironmentStatus.NOT_DEPLOYED, Optional.empty(), files, 0, 0, Optional.empty());
        }
        if (diff.isEmpty()) {
            return new SeedView("nothing to seed", bucket, 0, 0, 0, Optional.of("this build bundles no jupyter/ content"));
        }
        try {
            SeedDiff d = diff.get().await();
            return new SeedView(d.inSync() ? "up to date" : "changes pending", bucket, files, d.uploads().size(),
                    d.keptExtras().size(), Optional.empty());
        } catch (HailctlException e) {
            problems.add("seed: " + e.getMessage());
            return new SeedView("unknown", bucket, files, 0, 0, Optional.of(e.getMessage()));
        }
    }
}
