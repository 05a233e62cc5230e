package io.hailctl.deploy.seed;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a seed learnt about the seeded objects, kept in the bucket ({@link #KEY}) so that the next
 * seed needs no HeadObject per file to prove "unchanged" by content.
 *
 * <p>Each entry ties one <em>write</em> of an object, as the listing shows it (key, size, ETag,
 * LastModified), to the facts a HeadObject in checksum mode gives about it: its stored full-object
 * checksum and its {@code hailctl-mode}. The rule that keeps it honest: an entry stands in for a
 * HeadObject only when this run's listing shows the very same size, ETag and LastModified. Every
 * later write of the object, by whoever (hailctl, the console, the AWS CLI, a copy onto itself with
 * other metadata), gets a new LastModified, and other bytes a new ETag, so an entry of an object that
 * changed since is ignored and that object is read with HeadObject as before. A deleted object is not
 * in the listing, so it is uploaded whatever the manifest says. The manifest is a cache, never the
 * truth about the bucket: missing, unreadable, of another format version or written for another
 * bucket, it counts as empty (every same-sized object is read with HeadObject).
 *
 * <p>Limit (documented in BENCHMARKS.md): S3 lists LastModified to the second, so a write of the same
 * bytes with other metadata within the same second as the recorded write would go unseen; the only
 * fact at stake is the mode metadata, never the content.
 */
public record SeedManifest(String bucket, Map<String, Entry> entries) {
    /** Outside the seeded folders, so no listing of them, no --delete and no user prefix ever sees it. */
    public static final String KEY = ".hailctl/seed-manifest";

    /** The first line; a manifest of any other version counts as empty (written again by the next seed that writes). */
    static final String HEADER = "hailctl seed manifest 1";
    private static final Pattern MODE = Pattern.compile("[0-7]{4}");
    private static final String NO_MODE = "-";

    public SeedManifest {
        entries = Map.copyOf(entries);
    }

    public static SeedManifest empty(String bucket) {
        return new SeedManifest(bucket, Map.of());
    }

    /**
     * One object write and what was proven about it.
     *
     * @param mode the {@code hailctl-mode} metadata, empty when the object has none
     */
    public record Entry(String key, long size, String etag, Instant lastModified, ObjectChecksum checksum,
                        Optional<String> mode) {

        /** Whether {@code listed} is this very write of the object. */
        boolean describes(BucketObjects.Listed listed) {
            return listed.key().equals(key) && listed.size() == size && !etag.isEmpty() && listed.etag().equals(etag)
                    && listed.lastModified().map(lastModified::equals).orElse(false);
        }

        /** What a HeadObject of this write would have answered (for the diff). */
        BucketObjects.Stored stored() {
            return new BucketObjects.Stored(size, Optional.of(checksum),
                    mode.map(m -> Map.of(SeedFile.MODE_METADATA, m)).orElse(Map.of()));
        }

        /**
         * The entry for a listed object whose HeadObject (or our own upload) gave {@code stored}; empty
         * when the listing lacks what identifies a write, or the checksum cannot be compared with a file's.
         */
        static Optional<Entry> of(BucketObjects.Listed listed, BucketObjects.Stored stored) {
            Optional<ObjectChecksum> sum = stored.checksum()
                    .filter(c -> c.fullObject() && Checksums.SUPPORTED.contains(c.algorithm()));
            String mode = stored.metadata().get(SeedFile.MODE_METADATA);
            if (listed.etag().isEmpty() || listed.lastModified().isEmpty() || sum.isEmpty()
                    || stored.size() != listed.size() || (mode != null && !MODE.matcher(mode).matches())) {
                return Optional.empty();
            }
            return Optional.of(new Entry(listed.key(), listed.size(), listed.etag(), listed.lastModified().get(),
                    sum.get(), Optional.ofNullable(mode)));
        }
    }

    /** The stored facts for a listed object, when this manifest describes that very write of it. */
    public Optional<BucketObjects.Stored> factsFor(BucketObjects.Listed listed) {
        Entry e = entries.get(listed.key());
        return e != null && e.describes(listed) ? Optional.of(e.stored()) : Optional.empty();
    }

    /**
     * The manifest to keep after a run: of the candidate entries (this manifest's, those proven by
     * HeadObject, those of our confirmed uploads) only those describing an object as {@code listing}
     * shows it now.
     */
    static SeedManifest keeping(String bucket, Collection<Entry> candidates, Collection<BucketObjects.Listed> listing) {
        Map<String, BucketObjects.Listed> now = new TreeMap<>();
        listing.forEach(l -> now.put(l.key(), l));
        Map<String, Entry> kept = new TreeMap<>();
        for (Entry e : candidates) {
            BucketObjects.Listed l = now.get(e.key());
            if (l != null && e.describes(l)) {
                kept.put(e.key(), e);
            }
        }
        return new SeedManifest(bucket, kept);
    }

    /**
     * The text kept in S3: a header line, the bucket, then one line per key in key order (so the same
     * facts always give the same bytes, and a run that learnt nothing new writes nothing):
     * {@code KEY SIZE ETAG LAST_MODIFIED_MS ALGORITHM VALUE MODE}, key and ETag URL-encoded.
     */
    public byte[] render() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n').append("bucket ").append(encode(bucket)).append('\n');
        new TreeMap<>(entries).values().forEach(e -> sb.append(encode(e.key())).append(' ').append(e.size()).append(' ')
                .append(encode(e.etag())).append(' ').append(e.lastModified().toEpochMilli()).append(' ')
                .append(e.checksum().algorithm()).append(' ').append(e.checksum().value()).append(' ')
                .append(e.mode().orElse(NO_MODE)).append('\n'));
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Reads what {@link #render()} wrote. Anything else (another version, another bucket, a damaged or
     * hand-edited line) gives the empty manifest: the cost is HeadObjects, never a skipped upload.
     */
    public static SeedManifest parse(String bucket, byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
        if (lines.length < 3 || !lines[0].equals(HEADER) || !lines[1].equals("bucket " + encode(bucket))
                || !lines[lines.length - 1].isEmpty()) {
            return empty(bucket);
        }
        Map<String, Entry> entries = new TreeMap<>();
        try {
            for (int i = 2; i < lines.length - 1; i++) {
                String[] f = lines[i].split(" ", -1);
                if (f.length != 7 || !Checksums.SUPPORTED.contains(f[4]) || f[5].isEmpty()
                        || !(f[6].equals(NO_MODE) || MODE.matcher(f[6]).matches())) {
                    return empty(bucket);
                }
                String key = URLDecoder.decode(f[0], StandardCharsets.UTF_8);
                long size = Long.parseLong(f[1]);
                String etag = URLDecoder.decode(f[2], StandardCharsets.UTF_8);
                if (key.isEmpty() || size < 0 || etag.isEmpty() || entries.containsKey(key)) {
                    return empty(bucket);
                }
                entries.put(key, new Entry(key, size, etag, Instant.ofEpochMilli(Long.parseLong(f[3])),
                        ObjectChecksum.full(f[4], f[5]), f[6].equals(NO_MODE) ? Optional.empty() : Optional.of(f[6])));
            }
        } catch (IllegalArgumentException | java.time.DateTimeException e) {
            return empty(bucket);
        }
        return new SeedManifest(bucket, entries);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
