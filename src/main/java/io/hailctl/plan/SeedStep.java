package io.hailctl.plan;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Syncs the Jupyter content (common-notebooks/, scripts/) into the jupyter bucket.
 *
 * @param folder       a folder to sync instead of the bundled content
 * @param deleteExtras whether objects under the seeded folders that the content lacks are deleted
 *                     (`hailctl seed --delete`; `deploy all` never deletes)
 */
public record SeedStep(StepId id, Value bucket, Optional<String> folder, boolean deleteExtras) implements Step {
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
