package io.hailctl.aws;

import io.hailctl.deploy.ami.BundleStore;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

import java.util.Map;
import java.util.Optional;

/** {@link BundleStore} on S3: HeadObject for the metadata, PutObject for the upload. */
public final class S3BundleStore implements BundleStore {
    private final S3Client s3;

    public S3BundleStore(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public Optional<Map<String, String>> metadata(String bucket, String key) {
        try {
            return Optional.of(Map.copyOf(s3.headObject(b -> b.bucket(bucket).key(key)).metadata()));
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void put(String bucket, String key, byte[] content, Map<String, String> metadata) {
        AwsCalls.run(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentType("application/zip").metadata(metadata),
                RequestBody.fromBytes(content)));
    }
}
