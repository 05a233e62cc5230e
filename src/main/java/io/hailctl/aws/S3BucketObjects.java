package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.seed.BucketObjects;
import io.hailctl.deploy.seed.Checksums;
import io.hailctl.deploy.seed.ObjectChecksum;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.ChecksumMode;
import software.amazon.awssdk.services.s3.model.ChecksumType;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.DeleteObjectsResponse;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.ObjectCannedACL;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link BucketObjects} on S3.
 *
 * <ul>
 *   <li>Uploads send CRC32 explicitly: S3 verifies it against the bytes and stores it, and a later
 *       HeadObject in checksum mode returns it, so "unchanged" is proven by content, not by time.</li>
 *   <li>Uploads carry the {@code bucket-owner-full-control} canned ACL, as the original's
 *       {@code aws s3 sync --acl bucket-owner-full-control} did. Under the BucketOwnerEnforced
 *       ownership our s3 stack sets, this is the one ACL S3 still accepts (any other fails with
 *       AccessControlListNotSupported); on an older bucket it keeps the owner in control.</li>
 * </ul>
 */
public final class S3BucketObjects implements BucketObjects {
    /** DeleteObjects takes at most 1,000 keys. */
    private static final int DELETE_BATCH = 1000;

    private final S3Client s3;

    public S3BucketObjects(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public List<Listed> list(String bucket, String prefix) {
        try {
            List<Listed> out = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents()
                    .forEach(o -> out.add(new Listed(o.key(), o.size() == null ? 0 : o.size(), o.eTag(),
                            Optional.ofNullable(o.lastModified()))));
            return out;
        } catch (AwsServiceException e) {
            throw translate(bucket, e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public Optional<Stored> head(String bucket, String key) {
        return unlessMissing(bucket, () -> {
            HeadObjectResponse h = s3.headObject(b -> b.bucket(bucket).key(key).checksumMode(ChecksumMode.ENABLED));
            return new Stored(h.contentLength() == null ? 0 : h.contentLength(), checksum(h), h.metadata());
        });
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        return unlessMissing(bucket, () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    /** The call's answer; empty when S3 says 404 (no such key: NoSuchKey, or a HEAD's bodiless 404). */
    private <T> Optional<T> unlessMissing(String bucket, java.util.function.Supplier<T> call) {
        try {
            return Optional.of(call.get());
        } catch (AwsServiceException e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw translate(bucket, e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public Optional<String> put(String bucket, Upload u) {
        try {
            PutObjectResponse r = s3.putObject(b -> b.bucket(bucket).key(u.key())
                            .contentType(u.contentType())
                            .contentLength(u.size())
                            .metadata(u.metadata())
                            .acl(ObjectCannedACL.BUCKET_OWNER_FULL_CONTROL)
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32)
                            .checksumCRC32(u.crc32()),
                    RequestBody.fromContentProvider(() -> {
                        try {
                            return u.content().open();
                        } catch (IOException e) {
                            throw new UncheckedIOException(e);
                        }
                    }, u.size(), u.contentType()));
            return Optional.ofNullable(r.eTag()).filter(t -> !t.isEmpty());
        } catch (UncheckedIOException e) {
            throw new HailctlException(ExitCode.USAGE, "cannot read " + u.key() + ": " + e.getCause().getMessage());
        } catch (AwsServiceException e) {
            throw translate(bucket, e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void delete(String bucket, List<String> keys) {
        for (int i = 0; i < keys.size(); i += DELETE_BATCH) {
            List<ObjectIdentifier> batch = keys.subList(i, Math.min(keys.size(), i + DELETE_BATCH)).stream()
                    .map(k -> ObjectIdentifier.builder().key(k).build()).toList();
            DeleteObjectsResponse r;
            try {
                r = s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(batch).quiet(true).build()));
            } catch (AwsServiceException e) {
                throw translate(bucket, e);
            } catch (SdkException e) {
                throw AwsCalls.translated(e);
            }
            // DeleteObjects answers 200 and lists per-key failures; a quiet answer lists only those.
            if (r.hasErrors() && !r.errors().isEmpty()) {
                var first = r.errors().get(0);
                ExitCode code = "AccessDenied".equals(first.code()) ? ExitCode.AWS_ACCESS : ExitCode.FAILED;
                throw new HailctlException(code, "S3: cannot delete s3://" + bucket + "/" + first.key() + ": "
                        + first.code() + ": " + first.message()
                        + (r.errors().size() > 1 ? " (and " + (r.errors().size() - 1) + " more)" : ""));
            }
        }
    }

    /** The stored checksum, whichever algorithm S3 holds (one per object). */
    private static Optional<ObjectChecksum> checksum(HeadObjectResponse h) {
        boolean composite = h.checksumType() == ChecksumType.COMPOSITE;
        String[][] candidates = {
            {Checksums.CRC64NVME, h.checksumCRC64NVME()},
            {Checksums.CRC32, h.checksumCRC32()},
            {Checksums.CRC32C, h.checksumCRC32C()},
            {Checksums.SHA256, h.checksumSHA256()},
            {Checksums.SHA1, h.checksumSHA1()}};
        for (String[] c : candidates) {
            if (c[1] != null && !c[1].isEmpty()) {
                // A multipart upload's checksum is "checksum-of-checksums-N" (COMPOSITE): not the file's.
                boolean full = !composite && !c[1].contains("-");
                return Optional.of(new ObjectChecksum(c[0], c[1], full));
            }
        }
        return Optional.empty();
    }

    private static HailctlException translate(String bucket, AwsServiceException e) {
        String code = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorCode());
        if ("NoSuchBucket".equals(code) || (e.statusCode() == 404 && code.isEmpty())) {
            return new HailctlException(ExitCode.REFUSED, "bucket " + bucket + " does not exist",
                    "Deploy the buckets first: hailctl deploy s3", e);
        }
        if (e.statusCode() == 403 && AwsFailures.translate(e).map(h -> h.exitCode() != ExitCode.AWS_ACCESS).orElse(true)) {
            // HEAD answers carry no error body, so a denial arrives without its code.
            return new HailctlException(ExitCode.AWS_ACCESS, "S3: access denied to bucket " + bucket,
                    "Check the AWS profile and its permissions (hailctl uses --profile/AWS_PROFILE).", e);
        }
        if ("AccessControlListNotSupported".equals(code)) {
            return new HailctlException(ExitCode.FAILED, "bucket " + bucket + " refuses object ACLs ("
                    + e.awsErrorDetails().errorMessage() + ")", null, e);
        }
        return AwsCalls.translated(e);
    }
}
