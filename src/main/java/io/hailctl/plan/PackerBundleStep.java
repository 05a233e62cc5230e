package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * Puts the Packer bundle (a zip of the bundled {@code packer/} folder) into the Hail bucket under a
 * content-addressed key, so an unchanged bundle is never uploaded twice and the AMI-build stack and
 * every build name exactly the bytes they use. Produces the key (the stack's {@code PackerBundleKey})
 * and the bundle's SHA-256 (part of what identifies an AMI build).
 */
public record PackerBundleStep(StepId id, Value bucket) implements Step {
    public static final String BUCKET = "Bucket";
    public static final String BUNDLE_KEY = "BundleKey";
    public static final String BUNDLE_SHA256 = "BundleSha256";

    @Override
    public String title() {
        return "Packer bundle";
    }

    @Override
    public Component component() {
        return Component.AMI;
    }

    @Override
    public Map<String, Value> inputs() {
        return Map.of(BUCKET, bucket);
    }

    @Override
    public Set<String> outputs() {
        return Set.of(BUNDLE_KEY, BUNDLE_SHA256);
    }
}
