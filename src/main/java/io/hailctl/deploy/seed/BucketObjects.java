package io.hailctl.deploy.seed;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The S3 port of `seed` (and of `status`, which diffs without writing). Adapters translate every
 * SDK failure: a missing bucket is a refusal naming the bucket, a denied call an AWS access error.
 */
public interface BucketObjects {

    /** Every object under {@code prefix} as the listing shows it (a listing carries no checksum values). */
    List<Listed> list(String bucket, String prefix);

    /** What S3 keeps about one object beyond the listing; empty when it is gone. */
    Optional<Stored> head(String bucket, String key);

    /** The bytes of one small object (the seed manifest); empty when there is no such object. */
    Optional<byte[]> read(String bucket, String key);

    /**
     * Uploads one object in a single request; S3 checks {@link Upload#crc32()} against the bytes it receives.
     *
     * @return the ETag S3 answered with (empty if the answer carried none)
     */
    Optional<String> put(String bucket, Upload upload);

    /** Deletes the keys (in batches); keys already gone are fine. */
    void delete(String bucket, List<String> keys);

    /**
     * One object of a listing. Size, ETag and LastModified together name one write of the object:
     * any later PUT or copy over it changes LastModified (S3 sets it on every write).
     *
     * @param etag         as S3 lists it (quotes included); empty if the store gave none
     * @param lastModified empty if the store gave none
     */
    record Listed(String key, long size, String etag, Optional<Instant> lastModified) {
        public Listed {
            etag = etag == null ? "" : etag;
        }

        /** A listing entry with only a size (tests, and stores that list nothing else). */
        public static Listed sized(String key, long size) {
            return new Listed(key, size, "", Optional.empty());
        }
    }

    /** @param checksum the stored full-object or composite checksum, empty when S3 has none */
    record Stored(long size, Optional<ObjectChecksum> checksum, Map<String, String> metadata) {
        public Stored {
            metadata = Map.copyOf(metadata);
        }
    }

    /** @param crc32 base64 CRC32 of the content, sent with the upload so S3 rejects corrupted bytes */
    record Upload(String key, long size, String crc32, String contentType, Map<String, String> metadata,
                  SeedFile.Content content) {
        public Upload {
            metadata = Map.copyOf(metadata);
        }
    }
}
