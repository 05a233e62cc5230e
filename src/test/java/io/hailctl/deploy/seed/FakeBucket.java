package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An in-memory bucket behaving as S3 does for the calls seed makes: a PUT whose CRC32 does not match
 * its bytes is rejected, the CRC32 is stored and returned by HEAD, listings carry size, ETag (the MD5
 * of the bytes, as S3 gives a single-part upload) and LastModified, which every write moves on (a
 * clock of its own, one second a write).
 */
public final class FakeBucket implements BucketObjects {
    record Obj(byte[] bytes, Optional<ObjectChecksum> checksum, Map<String, String> metadata, String contentType,
               Instant lastModified) {
        String etag() {
            try {
                return "\"" + HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes)) + "\"";
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    final String name;
    final Map<String, Obj> objects = new ConcurrentHashMap<>();
    /** PUTs of seeded content (the manifest's are {@link #manifestPuts}). */
    public final AtomicInteger puts = new AtomicInteger();
    public final AtomicInteger manifestPuts = new AtomicInteger();
    final AtomicInteger heads = new AtomicInteger();
    final AtomicInteger reads = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong(1_700_000_000L);
    final AtomicInteger deletes = new AtomicInteger();
    final Set<String> deniedPuts = ConcurrentHashMap.newKeySet();
    boolean exists = true;

    public FakeBucket(String name) {
        this.name = name;
    }

    /** An object put there by someone else (e.g. the AWS CLI, which S3 gave a CRC64NVME checksum). */
    public void preload(String key, byte[] bytes, Optional<ObjectChecksum> checksum, Map<String, String> metadata) {
        objects.put(key, new Obj(bytes, checksum, metadata, "application/octet-stream", tick()));
    }

    private Instant tick() {
        return Instant.ofEpochSecond(clock.incrementAndGet());
    }

    Map<String, byte[]> contents() {
        Map<String, byte[]> out = new TreeMap<>();
        objects.forEach((k, v) -> out.put(k, v.bytes()));
        return out;
    }

    private void check(String bucket) {
        if (!exists || !bucket.equals(name)) {
            throw new HailctlException(ExitCode.REFUSED, "bucket " + bucket + " does not exist");
        }
    }

    @Override
    public List<Listed> list(String bucket, String prefix) {
        check(bucket);
        List<Listed> out = new ArrayList<>();
        new TreeMap<>(objects).forEach((k, v) -> {
            if (k.startsWith(prefix)) {
                out.add(new Listed(k, v.bytes().length, v.etag(), Optional.of(v.lastModified())));
            }
        });
        return out;
    }

    @Override
    public Optional<Stored> head(String bucket, String key) {
        check(bucket);
        heads.incrementAndGet();
        Obj o = objects.get(key);
        return o == null ? Optional.empty() : Optional.of(new Stored(o.bytes().length, o.checksum(), o.metadata()));
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        check(bucket);
        reads.incrementAndGet();
        return Optional.ofNullable(objects.get(key)).map(Obj::bytes);
    }

    @Override
    public Optional<String> put(String bucket, Upload u) {
        check(bucket);
        if (deniedPuts.contains(u.key())) {
            throw new HailctlException(ExitCode.AWS_ACCESS, "S3: AccessDenied: Access Denied");
        }
        byte[] bytes;
        try (InputStream in = u.content().open()) {
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (bytes.length != u.size() || !Checksums.compute(Checksums.CRC32, bytes).equals(u.crc32())) {
            throw new HailctlException(ExitCode.FAILED, "S3: BadDigest: the CRC32 you specified did not match the calculated checksum");
        }
        (u.key().equals(SeedManifest.KEY) ? manifestPuts : puts).incrementAndGet();
        Obj o = new Obj(bytes, Optional.of(ObjectChecksum.full(Checksums.CRC32, u.crc32())), u.metadata(),
                u.contentType(), tick());
        objects.put(u.key(), o);
        return Optional.of(o.etag());
    }

    @Override
    public void delete(String bucket, List<String> keys) {
        check(bucket);
        deletes.addAndGet(keys.size());
        keys.forEach(objects::remove);
    }
}
