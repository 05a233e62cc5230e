package io.hailctl.deploy.seed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * What a sync must do, decided from facts alone (pure): a file is unchanged only when the bucket
 * holds an object of the same size whose stored full-object checksum equals the local file's (in
 * the algorithm S3 stored) and whose recorded mode matches. Timestamps are never used, and neither
 * are ETags (not an MD5 for multipart or SSE-KMS objects). Anything that cannot be proven equal is
 * uploaded again: a needless upload is cheap, a missed one leaves stale notebooks.
 */
public record SeedDiff(List<Upload> uploads, List<String> unchanged, List<String> deletions, List<String> keptExtras) {

    public SeedDiff {
        uploads = List.copyOf(uploads);
        unchanged = List.copyOf(unchanged);
        deletions = List.copyOf(deletions);
        keptExtras = List.copyOf(keptExtras);
    }

    public enum Reason {
        NEW("new"), SIZE("size changed"), CONTENT("content changed"),
        NO_CHECKSUM("no comparable checksum in S3"), MODE("mode changed");

        private final String words;

        Reason(String words) {
            this.words = words;
        }

        public String words() {
            return words;
        }
    }

    public record Upload(String key, Reason reason) {
    }

    /**
     * A local file as the diff sees it.
     *
     * @param checksums the file's checksum in each algorithm asked for (those of the stored objects)
     */
    public record Local(String key, long size, String mode, Map<String, String> checksums) {
        public Local {
            checksums = Map.copyOf(checksums);
        }
    }

    /** A remote object: its listing, and the HeadObject facts when they were read. */
    public record Remote(String key, long size, Optional<BucketObjects.Stored> stored) {
    }

    public boolean inSync() {
        return uploads.isEmpty() && deletions.isEmpty();
    }

    /** The keys whose listing alone cannot settle the question: present on both sides with the same size. */
    public static Set<String> needDetails(Collection<SeedFile> local, Collection<BucketObjects.Listed> remote) {
        Map<String, Long> sizes = new java.util.HashMap<>();
        local.forEach(f -> sizes.put(f.key(), f.size()));
        Set<String> out = new TreeSet<>();
        for (BucketObjects.Listed r : remote) {
            Long size = sizes.get(r.key());
            if (size != null && size == r.size()) {
                out.add(r.key());
            }
        }
        return out;
    }

    /**
     * @param prefixes    the prefixes the local side speaks for (remote extras elsewhere are ignored)
     * @param deleteExtras whether remote extras under {@code prefixes} are deleted (else only reported)
     */
    public static SeedDiff of(Collection<Local> local, Collection<Remote> remote, Collection<String> prefixes,
                              boolean deleteExtras) {
        Map<String, Remote> byKey = new java.util.HashMap<>();
        remote.forEach(r -> byKey.put(r.key(), r));
        List<Upload> uploads = new ArrayList<>();
        List<String> unchanged = new ArrayList<>();
        Set<String> localKeys = new TreeSet<>();
        for (Local l : sorted(local)) {
            localKeys.add(l.key());
            Optional<Reason> why = reason(l, byKey.get(l.key()));
            if (why.isPresent()) {
                uploads.add(new Upload(l.key(), why.get()));
            } else {
                unchanged.add(l.key());
            }
        }
        List<String> extras = new ArrayList<>();
        for (Remote r : remote) {
            if (!localKeys.contains(r.key()) && prefixes.stream().anyMatch(p -> r.key().startsWith(p))
                    && !r.key().endsWith("/")) {
                extras.add(r.key());
            }
        }
        extras.sort(String::compareTo);
        return deleteExtras ? new SeedDiff(uploads, unchanged, extras, List.of())
                : new SeedDiff(uploads, unchanged, List.of(), extras);
    }

    private static Optional<Reason> reason(Local l, Remote r) {
        if (r == null) {
            return Optional.of(Reason.NEW);
        }
        if (r.size() != l.size()) {
            return Optional.of(Reason.SIZE);
        }
        if (r.stored().isEmpty()) {
            return Optional.of(Reason.NO_CHECKSUM);
        }
        BucketObjects.Stored s = r.stored().get();
        if (s.size() != l.size()) {
            return Optional.of(Reason.SIZE);
        }
        Optional<ObjectChecksum> c = s.checksum().filter(ObjectChecksum::fullObject);
        String mine = c.map(x -> l.checksums().get(x.algorithm())).orElse(null);
        if (mine == null) {
            return Optional.of(Reason.NO_CHECKSUM);
        }
        if (!mine.equals(c.get().value())) {
            return Optional.of(Reason.CONTENT);
        }
        if (!l.mode().equals(s.metadata().get(SeedFile.MODE_METADATA))) {
            return Optional.of(Reason.MODE);
        }
        return Optional.empty();
    }

    private static List<Local> sorted(Collection<Local> local) {
        List<Local> out = new ArrayList<>(local);
        out.sort(Comparator.comparing(Local::key));
        return out;
    }
}
