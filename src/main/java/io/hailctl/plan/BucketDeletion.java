package io.hailctl.plan;

import java.util.Map;

/**
 * Removes one of the environment's buckets after its stack is gone (the buckets are retained by
 * the stack so data never disappears by accident): an empty bucket is deleted; one holding data is
 * kept unless {@code deleteData}, which empties it (every version) first.
 */
public record BucketDeletion(StepId id, String bucket, String role, boolean deleteData, Map<String, Value> after)
        implements Deletion {

    public BucketDeletion {
        after = Ordered.copy(after);
    }

    @Override
    public String title() {
        return role + " bucket " + bucket;
    }

    @Override
    public Component component() {
        return Component.S3;
    }

}
