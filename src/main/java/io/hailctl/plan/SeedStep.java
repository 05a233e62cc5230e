package io.hailctl.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Syncs the Jupyter content (common-notebooks/, scripts/) into the jupyter bucket.
 *
 * @param folder a folder to sync instead of the bundled content
 */
public record SeedStep(StepId id, Value bucket, Optional<String> folder) implements Step {
    public static final String BUCKET = "Bucket";

    @Override
    public String title() {
        return "jupyter content";
    }

    @Override
    public Component component() {
        return Component.SEED;
    }

    @Override
    public Map<String, Value> inputs() {
        return Map.of(BUCKET, bucket);
    }

    @Override
    public Set<String> outputs() {
        return Set.of();
    }
}
