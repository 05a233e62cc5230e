package io.hailctl.deploy.users;

import java.util.List;

/** The S3 port for a user's files: the object versions under a prefix, and deleting them. */
public interface BucketPrefixes {

    /** Whether the bucket exists in this account. */
    boolean exists(String bucket);

    /** Every object version and delete marker whose key starts with {@code prefix} (all pages). */
    List<ObjectVersion> versions(String bucket, String prefix);

    /** Deletes exactly these versions (in batches); fails naming the first key S3 would not delete. */
    void delete(String bucket, List<ObjectVersion> versions);

    /** One version of one key; {@code versionId} is "null" in a bucket that never had versioning. */
    record ObjectVersion(String key, String versionId) {
    }
}
