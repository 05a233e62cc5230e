package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.users.BucketPrefixes;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Error;

import java.util.ArrayList;
import java.util.List;

/** {@link BucketPrefixes} on S3: ListObjectVersions and DeleteObjects (1,000 keys a call). */
public final class S3Prefixes implements BucketPrefixes {
    private static final int BATCH = 1000;

    private final S3Client s3;

    public S3Prefixes(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public boolean exists(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return false;
            }
            throw AwsCalls.translated(e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<ObjectVersion> versions(String bucket, String prefix) {
        requireUserPrefix(prefix);
        return AwsCalls.call(() -> {
            List<ObjectVersion> out = new ArrayList<>();
            s3.listObjectVersionsPaginator(b -> b.bucket(bucket).prefix(prefix)).forEach(page -> {
                page.versions().forEach(v -> out.add(new ObjectVersion(v.key(), v.versionId())));
                page.deleteMarkers().forEach(m -> out.add(new ObjectVersion(m.key(), m.versionId())));
            });
            return out;
        });
    }

    @Override
    public void delete(String bucket, List<ObjectVersion> versions) {
        for (int from = 0; from < versions.size(); from += BATCH) {
            List<ObjectIdentifier> batch = new ArrayList<>();
            for (ObjectVersion v : versions.subList(from, Math.min(versions.size(), from + BATCH))) {
                batch.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build());
            }
            DeleteObjectsResponse r = AwsCalls.call(() -> s3.deleteObjects(b -> b.bucket(bucket)
                    .delete(d -> d.objects(batch).quiet(true))));
            if (!r.errors().isEmpty()) {
                S3Error first = r.errors().get(0);
                throw new HailctlException(ExitCode.FAILED, "S3 did not delete " + r.errors().size() + " of "
                        + batch.size() + " object versions in " + bucket + "; first: " + first.key() + " ("
                        + first.code() + ": " + first.message() + ")", "Re-run to delete what is left.");
            }
        }
    }

    /** A last guard: never list (and so never delete) a whole bucket or a shared folder by accident. */
    private static void requireUserPrefix(String prefix) {
        if (prefix.length() < 2 || !prefix.endsWith("/") || prefix.indexOf('/') != prefix.length() - 1) {
            throw new IllegalArgumentException("not a user prefix: '" + prefix + "'");
        }
    }
}
