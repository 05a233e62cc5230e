package io.hailctl.deploy.ami;

import io.hailctl.bundle.Bundle;
import io.hailctl.bundle.PackerBundle;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.plan.PackerBundleStep;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.plan.Value;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class PackerBundleRunnerTest {
    private static final PackerBundle BUNDLE = PackerBundle.of(new Bundle());
    private static final PackerBundleStep STEP = new PackerBundleStep(StepId.of("packer-bundle"),
            Value.outputOf(Topology.S3, "HailBucket"));

    /** One bucket's objects: key → (bytes, metadata). */
    private final Map<String, byte[]> objects = new HashMap<>();
    private final Map<String, Map<String, String>> metadata = new HashMap<>();
    private final List<String> puts = new ArrayList<>();
    private final BundleStore store = new BundleStore() {
        @Override
        public Optional<Map<String, String>> metadata(String bucket, String key) {
            return Optional.ofNullable(metadata.get(bucket + "/" + key));
        }

        @Override
        public void put(String bucket, String key, byte[] content, Map<String, String> meta) {
            puts.add(bucket + "/" + key);
            objects.put(bucket + "/" + key, content);
            metadata.put(bucket + "/" + key, meta);
        }
    };
    private final PackerBundleRunner runner = new PackerBundleRunner(store, () -> BUNDLE);
    private final FakeClock clock = new FakeClock();
    private final StepContext ctx = Contexts.on(clock, new Contexts.Recording(), Confirmer.NO);
    private final Inputs inputs = Inputs.resolved(Map.of("Bucket", "demo-hail-bucket"));

    @Test
    void uploadsTheZipToItsContentAddressedKeyOnceAndNeverAgain() throws Exception {
        StepOutcome first = runner.apply(STEP, inputs, ctx);
        assertEquals(Change.CREATED, first.change());
        assertEquals(Map.of("BundleKey", BUNDLE.key(), "BundleSha256", BUNDLE.sha256()), first.outputs());
        assertArrayEquals(BUNDLE.zip(), objects.get("demo-hail-bucket/" + BUNDLE.key()));
        assertEquals(Map.of("sha256", BUNDLE.sha256()), metadata.get("demo-hail-bucket/" + BUNDLE.key()));

        StepOutcome second = runner.apply(STEP, inputs, ctx);
        assertEquals(Change.UNCHANGED, second.change());
        assertEquals(first.outputs(), second.outputs());
        assertEquals(List.of("demo-hail-bucket/" + BUNDLE.key()), puts, "uploaded exactly once");
    }

    @Test
    void anObjectUnderTheKeyWithoutTheRightHashIsReplaced() throws Exception {
        metadata.put("demo-hail-bucket/" + BUNDLE.key(), Map.of());
        assertEquals(Change.CREATED, runner.apply(STEP, inputs, ctx).change());
        assertEquals(1, puts.size());
    }

    @Test
    void previewAndReadKnowTheKeyAndWriteNothing() throws Exception {
        StepOutcome preview = runner.preview(STEP, new Inputs(STEP.inputs(), Map.of()), ctx);
        assertEquals(Change.WOULD_CREATE, preview.change());
        assertEquals(BUNDLE.key(), preview.outputs().get("BundleKey"), "a preview of the AMI stack can show its key");
        StepOutcome read = runner.read(STEP, inputs, ctx);
        assertEquals(Change.READ, read.change());
        assertEquals(List.of("s3://demo-hail-bucket/" + BUNDLE.key() + " is not uploaded yet (hailctl deploy ami uploads it)"),
                read.details());
        assertEquals(List.of(), puts);
    }
}
