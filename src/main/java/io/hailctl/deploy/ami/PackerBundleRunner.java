package io.hailctl.deploy.ami;

import io.hailctl.bundle.PackerBundle;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.plan.PackerBundleStep;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Uploads the Packer bundle to its content-addressed key unless an object with that key and the
 * same SHA-256 (user metadata) is already there: a second run uploads nothing. Its outputs (key
 * and hash) are known without AWS, so previews can show them.
 */
public final class PackerBundleRunner implements StepRunner<PackerBundleStep> {
    /** User metadata key (x-amz-meta-sha256) holding the zip's SHA-256. */
    public static final String SHA256_METADATA = "sha256";

    private final BundleStore store;
    private final Supplier<PackerBundle> bundle;

    public PackerBundleRunner(BundleStore store, Supplier<PackerBundle> bundle) {
        this.store = store;
        this.bundle = bundle;
    }

    @Override
    public Class<PackerBundleStep> stepType() {
        return PackerBundleStep.class;
    }

    @Override
    public StepOutcome apply(PackerBundleStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        PackerBundle b = bundle.get();
        String bucket = inputs.get(PackerBundleStep.BUCKET);
        if (present(bucket, b, ctx)) {
            return new StepOutcome(Change.UNCHANGED, outputs(b), List.of(location(bucket, b) + " already uploaded"));
        }
        ctx.budget().acquire();
        store.put(bucket, b.key(), b.zip(), Map.of(SHA256_METADATA, b.sha256()));
        return new StepOutcome(Change.CREATED, outputs(b), List.of("uploaded " + location(bucket, b) + " ("
                + b.files().size() + " files, " + (b.size() + 1023) / 1024 + " KiB)"));
    }

    @Override
    public StepOutcome read(PackerBundleStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        PackerBundle b = bundle.get();
        String bucket = inputs.get(PackerBundleStep.BUCKET);
        // Not uploaded is no error here: reading is for partial deploys (`deploy emr`), which never build.
        List<String> details = present(bucket, b, ctx) ? List.of()
                : List.of(location(bucket, b) + " is not uploaded yet (hailctl deploy ami uploads it)");
        return new StepOutcome(Change.READ, outputs(b), details);
    }

    @Override
    public StepOutcome preview(PackerBundleStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        PackerBundle b = bundle.get();
        Optional<String> bucket = inputs.known(PackerBundleStep.BUCKET);
        if (bucket.isPresent() && present(bucket.get(), b, ctx)) {
            return new StepOutcome(Change.UNCHANGED, outputs(b), List.of());
        }
        return new StepOutcome(Change.WOULD_CREATE, outputs(b), List.of("would upload "
                + bucket.map(x -> location(x, b)).orElse(b.key() + " to the Hail bucket")));
    }

    private boolean present(String bucket, PackerBundle b, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        return store.metadata(bucket, b.key()).map(m -> b.sha256().equals(m.get(SHA256_METADATA))).orElse(false);
    }

    private static String location(String bucket, PackerBundle b) {
        return "s3://" + bucket + "/" + b.key();
    }

    private static Map<String, String> outputs(PackerBundle b) {
        return Map.of(PackerBundleStep.BUNDLE_KEY, b.key(), PackerBundleStep.BUNDLE_SHA256, b.sha256());
    }
}
