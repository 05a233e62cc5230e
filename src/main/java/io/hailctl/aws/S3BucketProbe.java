package io.hailctl.aws;

import io.hailctl.deploy.preflight.BucketProbe;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.s3.S3Client;

/** {@link BucketProbe} with HeadBucket: 404 free, 403 someone else's, 301 another region. */
public final class S3BucketProbe implements BucketProbe {
    private final S3Client s3;

    public S3BucketProbe(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Ownership owner(String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return Ownership.OURS;
        } catch (AwsServiceException e) {
            return switch (e.statusCode()) {
                case 404 -> Ownership.FREE;
                case 403 -> Ownership.FOREIGN;
                case 301 -> Ownership.OTHER_REGION;
                default -> throw AwsCalls.translated(e);
            };
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
