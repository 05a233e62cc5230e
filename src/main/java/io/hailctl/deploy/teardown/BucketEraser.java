package io.hailctl.deploy.teardown;

import java.util.OptionalLong;

/** What `destroy` needs of S3 (port). */
public interface BucketEraser {

    /** Objects in the bucket, every version and delete marker counted; empty when the bucket does not exist. */
    OptionalLong objectCount(String bucket);

    /** Deletes every object version and delete marker; returns how many were deleted. */
    long empty(String bucket);

    void deleteBucket(String bucket);
}
