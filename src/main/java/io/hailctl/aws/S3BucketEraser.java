package io.hailctl.aws;

import io.hailctl.deploy.teardown.BucketEraser;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectVersionsResponse;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/** {@link BucketEraser} on S3: counts and deletes every object version and delete marker. */
public final class S3BucketEraser implements BucketEraser {
    private final S3Client s3;

    public S3BucketEraser(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public OptionalLong objectCount(String bucket) {
        try {
            long n = 0;
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
                n += page.versions().size() + page.deleteMarkers().size();
            }
            return OptionalLong.of(n);
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return OptionalLong.empty();
            }
            throw AwsCalls.translated(e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public long empty(String bucket) {
        return AwsCalls.call(() -> {
            long deleted = 0;
            for (ListObjectVersionsResponse page : s3.listObjectVersionsPaginator(b -> b.bucket(bucket))) {
                List<ObjectIdentifier> ids = new ArrayList<>();
                page.versions().forEach(v -> ids.add(ObjectIdentifier.builder().key(v.key()).versionId(v.versionId()).build()));
                page.deleteMarkers().forEach(m -> ids.add(ObjectIdentifier.builder().key(m.key()).versionId(m.versionId()).build()));
                // DeleteObjects takes at most 1,000 keys; list pages are at most 1,000 entries each.
                for (int i = 0; i < ids.size(); i += 1000) {
                    List<ObjectIdentifier> chunk = ids.subList(i, Math.min(ids.size(), i + 1000));
                    s3.deleteObjects(b -> b.bucket(bucket).delete(d -> d.objects(chunk).quiet(true)));
                    deleted += chunk.size();
                }
            }
            return deleted;
        });
    }

    @Override
    public void deleteBucket(String bucket) {
        try {
            s3.deleteBucket(b -> b.bucket(bucket));
        } catch (software.amazon.awssdk.services.s3.model.NoSuchBucketException gone) {
            // Already deleted: typically by this very call, when the SDK retried a DeleteBucket
            // whose first answer was lost (found by the fault runs). Deleting stays idempotent.
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
