package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.EnvironmentLock;
import io.hailctl.deploy.StepContext;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sync of seed content into a bucket: list the seeded prefixes and read the seed manifest (in
 * parallel), prove "unchanged" for every object whose size matches (from the manifest when it
 * describes the object as listed, else by HeadObject), diff, then upload and delete (in parallel),
 * and last keep what was learnt in the manifest — or, in a dry run, only say what would happen. Each
 * file is reported as a step activity.
 *
 * <p>Uploads are single PutObject calls on the shared sync client from a bounded pool rather than
 * the S3 Transfer Manager: the content is small files (notebooks, scripts), where multipart brings
 * nothing, and the Transfer Manager would need an async HTTP client (Netty or CRT) in a tool that
 * keeps one url-connection client for start-up time.
 *
 * <p>The manifest ({@link SeedManifest}) is written last, and only when its bytes change: after every
 * upload and deletion succeeded, from a listing taken after the uploads, with entries only for uploads
 * whose listed ETag is the one our PutObject got back. An interrupted or failed seed leaves the old
 * manifest, whose entries of objects written since no longer match their listing (new LastModified)
 * and so are never used. A seed that learnt nothing new writes nothing at all (and so never takes the
 * environment lock).
 */
public final class SeedSync {
    /** S3's limit for one PutObject. */
    static final long MAX_SINGLE_UPLOAD = 5L * 1024 * 1024 * 1024;

    private final BucketObjects objects;
    private final int parallelism;

    public SeedSync(BucketObjects objects, int parallelism) {
        this.objects = objects;
        this.parallelism = Math.max(1, parallelism);
    }

    /** The diff and nothing else: no activity, no writes (for `status`). */
    public SeedDiff diff(String bucket, SeedSource source, boolean deleteExtras) throws InterruptedException {
        ExecutorService pool = pool();
        try {
            return survey(bucket, source.files(), source.prefixes(), deleteExtras, pool, new Cancellation(), new Sums()).diff();
        } finally {
            pool.shutdownNow();
        }
    }

    public SeedReport run(String bucket, SeedSource source, boolean deleteExtras, boolean write, StepContext ctx)
            throws InterruptedException {
        Instant start = ctx.clock().instant();
        List<SeedFile> files = source.files();
        for (SeedFile f : files) {
            if (f.size() > MAX_SINGLE_UPLOAD) {
                throw new HailctlException(ExitCode.USAGE, f.key() + " is " + SeedReport.size(f.size())
                        + ": larger than one upload may be (5 GiB); Jupyter content is meant to be small");
            }
        }
        Map<String, SeedFile> byKey = new HashMap<>();
        files.forEach(f -> byKey.put(f.key(), f));
        ExecutorService pool = pool();
        Sums sums = new Sums();
        try {
            Survey survey = survey(bucket, files, source.prefixes(), deleteExtras, pool, ctx.cancellation(), sums);
            SeedDiff diff = survey.diff();
            long bytes = diff.uploads().stream().mapToLong(u -> byKey.get(u.key()).size()).sum();
            if (!write) {
                diff.uploads().forEach(u -> ctx.activity(u.key(), "would upload", Optional.of(u.reason().words())));
                diff.deletions().forEach(k -> ctx.activity(k, "would delete", Optional.of("not in the source")));
            } else {
                List<Uploaded> uploaded = Collections.synchronizedList(new ArrayList<>());
                List<Callable<Void>> uploads = new ArrayList<>();
                for (SeedDiff.Upload u : diff.uploads()) {
                    SeedFile f = byKey.get(u.key());
                    uploads.add(() -> {
                        String crc32 = sums.of(f, Checksums.CRC32);
                        Optional<String> etag = objects.put(bucket, new BucketObjects.Upload(f.key(), f.size(), crc32,
                                contentType(f.key()), Map.of(SeedFile.MODE_METADATA, f.mode()), f.content()));
                        uploaded.add(new Uploaded(f, crc32, etag));
                        ctx.activity(f.key(), "uploaded", Optional.of(u.reason().words()));
                        return null;
                    });
                }
                runAll(pool, uploads, ctx.cancellation(), "upload");
                if (!diff.deletions().isEmpty()) {
                    ctx.cancellation().check();
                    objects.delete(bucket, diff.deletions());
                    diff.deletions().forEach(k -> ctx.activity(k, "deleted", Optional.of("not in the source")));
                }
                keepManifest(bucket, survey, List.copyOf(uploaded), pool, ctx);
            }
            return new SeedReport(bucket, source.describe(), !write, diff, bytes,
                    Duration.between(start, ctx.clock().instant()));
        } finally {
            pool.shutdownNow();
        }
    }

    /** What a run found: the diff, the listing it was made from, the manifest read and what HeadObject taught. */
    private record Survey(SeedDiff diff, List<BucketObjects.Listed> listed, Optional<byte[]> manifestBytes,
                          SeedManifest manifest, List<SeedManifest.Entry> learnt) {
    }

    private record Uploaded(SeedFile file, String crc32, Optional<String> etag) {
    }

    private Survey survey(String bucket, List<SeedFile> files, List<String> prefixes, boolean deleteExtras,
                          ExecutorService pool, Cancellation cancellation, Sums sums) throws InterruptedException {
        // The manifest is read alongside the listings: an unchanged seed is these three reads. Meanwhile the
        // pool's other threads checksum the local files (each is compared by CRC32 or uploaded with it), so
        // the time the emulator or S3 takes to list is not spent waiting.
        Future<Optional<byte[]>> manifestRead = pool.submit(() -> readManifest(bucket));
        List<Future<List<BucketObjects.Listed>>> listings = new ArrayList<>();
        for (String prefix : SeedSource.PREFIXES) {
            listings.add(pool.submit(() -> {
                cancellation.check();
                return objects.list(bucket, prefix);
            }));
        }
        files.forEach(f -> pool.submit(() -> sums.prefetch(f)));
        List<BucketObjects.Listed> listed = new ArrayList<>();
        for (Future<List<BucketObjects.Listed>> l : listings) {
            listed.addAll(await(l));
        }
        Optional<byte[]> manifestBytes = await(manifestRead);
        SeedManifest manifest = manifestBytes.map(b -> SeedManifest.parse(bucket, b)).orElse(SeedManifest.empty(bucket));

        Map<String, SeedFile> byKey = new LinkedHashMap<>();
        files.forEach(f -> byKey.put(f.key(), f));
        Map<String, BucketObjects.Listed> listedByKey = new HashMap<>();
        listed.forEach(l -> listedByKey.put(l.key(), l));
        Set<String> detailed = SeedDiff.needDetails(files, listed);
        List<Callable<Detail>> proofs = new ArrayList<>();
        for (String key : detailed) {
            BucketObjects.Listed l = listedByKey.get(key);
            Optional<BucketObjects.Stored> known = manifest.factsFor(l);
            proofs.add(() -> {
                Optional<BucketObjects.Stored> stored = known.isPresent() ? known : objects.head(bucket, key);
                Map<String, String> mine = new HashMap<>();
                Optional<ObjectChecksum> sum = stored.flatMap(BucketObjects.Stored::checksum).filter(ObjectChecksum::fullObject);
                if (sum.isPresent() && Checksums.SUPPORTED.contains(sum.get().algorithm())) {
                    mine.put(sum.get().algorithm(), sums.of(byKey.get(key), sum.get().algorithm()));
                }
                Optional<SeedManifest.Entry> learnt = known.isPresent() ? Optional.empty()
                        : stored.flatMap(s -> SeedManifest.Entry.of(l, s));
                return new Detail(key, stored, mine, learnt);
            });
        }
        Map<String, Detail> details = new HashMap<>();
        runAll(pool, proofs, cancellation, "read").forEach(d -> details.put(d.key(), d));

        List<SeedDiff.Local> local = new ArrayList<>();
        for (SeedFile f : files) {
            Detail d = details.get(f.key());
            local.add(new SeedDiff.Local(f.key(), f.size(), f.mode(), d == null ? Map.of() : d.checksums()));
        }
        List<SeedDiff.Remote> remote = new ArrayList<>();
        for (BucketObjects.Listed l : listed) {
            Detail d = details.get(l.key());
            remote.add(new SeedDiff.Remote(l.key(), l.size(), d == null ? Optional.empty() : d.stored()));
        }
        List<SeedManifest.Entry> learnt = details.values().stream().flatMap(d -> d.learnt().stream()).toList();
        return new Survey(SeedDiff.of(local, remote, prefixes, deleteExtras), listed, manifestBytes, manifest, learnt);
    }

    private record Detail(String key, Optional<BucketObjects.Stored> stored, Map<String, String> checksums,
                          Optional<SeedManifest.Entry> learnt) {
    }

    private List<BucketObjects.Listed> listAll(String bucket, ExecutorService pool, Cancellation cancellation)
            throws InterruptedException {
        List<Callable<List<BucketObjects.Listed>>> listings = new ArrayList<>();
        for (String prefix : SeedSource.PREFIXES) {
            listings.add(() -> objects.list(bucket, prefix));
        }
        List<BucketObjects.Listed> listed = new ArrayList<>();
        runAll(pool, listings, cancellation, "list").forEach(listed::addAll);
        return listed;
    }

    /**
     * The manifest's bytes; empty when there is none or it cannot be read (a denied or failed read
     * costs HeadObjects, never the seed: the listing that runs alongside reports a missing bucket).
     */
    private Optional<byte[]> readManifest(String bucket) {
        try {
            return objects.read(bucket, SeedManifest.KEY);
        } catch (HailctlException e) {
            return Optional.empty();
        }
    }

    private static <T> T await(Future<T> f) throws InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new HailctlException(ExitCode.INTERNAL, "read failed: " + e.getCause(), null, e.getCause());
        }
    }

    /**
     * Writes the manifest of this run, last and only if its bytes differ from what was read. After
     * uploads the prefixes are listed again: an upload gets an entry only when that listing shows the
     * ETag its PutObject answered (a concurrent writer's object is left to HeadObject next time).
     */
    private void keepManifest(String bucket, Survey survey, List<Uploaded> uploaded, ExecutorService pool, StepContext ctx)
            throws InterruptedException {
        List<BucketObjects.Listed> now;
        if (uploaded.isEmpty()) {
            Set<String> deleted = Set.copyOf(survey.diff().deletions());
            now = survey.listed().stream().filter(l -> !deleted.contains(l.key())).toList();
        } else {
            now = listAll(bucket, pool, ctx.cancellation());
        }
        Map<String, BucketObjects.Listed> nowByKey = new HashMap<>();
        now.forEach(l -> nowByKey.put(l.key(), l));
        List<SeedManifest.Entry> candidates = new ArrayList<>(survey.manifest().entries().values());
        candidates.addAll(survey.learnt());
        for (Uploaded u : uploaded) {
            BucketObjects.Listed l = nowByKey.get(u.file().key());
            if (l != null && u.etag().isPresent() && u.etag().get().equals(l.etag())) {
                SeedManifest.Entry.of(l, new BucketObjects.Stored(u.file().size(),
                                Optional.of(ObjectChecksum.full(Checksums.CRC32, u.crc32())),
                                Map.of(SeedFile.MODE_METADATA, u.file().mode())))
                        .ifPresent(candidates::add);
            }
        }
        SeedManifest next = SeedManifest.keeping(bucket, candidates, now);
        byte[] bytes = next.render();
        if (survey.manifestBytes().map(b -> Arrays.equals(b, bytes)).orElse(next.entries().isEmpty())) {
            return;
        }
        ctx.cancellation().check();
        try {
            objects.put(bucket, new BucketObjects.Upload(SeedManifest.KEY, bytes.length,
                    Checksums.compute(Checksums.CRC32, bytes), "text/plain; charset=utf-8", Map.of(),
                    () -> new ByteArrayInputStream(bytes)));
        } catch (HailctlException e) {
            if (refusedOrStopping(e)) {
                throw e;
            }
            // The content is in place; without the manifest the next seed proves it by HeadObject instead.
            ctx.note("seed: could not write s3://" + bucket + "/" + SeedManifest.KEY + " (" + e.getMessage()
                    + "); the next seed reads each object's checksum instead");
        }
    }

    /** A write refused by another run's lock, or stopped by Ctrl-C: never a mere manifest problem. */
    private static boolean refusedOrStopping(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof EnvironmentLock.Busy
                    || (t instanceof HailctlException h && h.exitCode() == ExitCode.INTERRUPTED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The checksums of local files, each computed once per run and algorithm: a file compared with
     * its stored CRC32 and then uploaded is read for its CRC32 once, not twice.
     */
    private static final class Sums {
        private final Map<String, String> crc32 = new ConcurrentHashMap<>();

        String of(SeedFile f, String algorithm) {
            return algorithm.equals(Checksums.CRC32) ? crc32.computeIfAbsent(f.key(), k -> checksum(f, algorithm))
                    : checksum(f, algorithm);
        }

        /** Ahead of need; a file that cannot be read fails later, where it is needed, with its own message. */
        void prefetch(SeedFile f) {
            try {
                of(f, Checksums.CRC32);
            } catch (RuntimeException e) {
                // reported by the call that needs it
            }
        }
    }

    static String checksum(SeedFile f, String algorithm) {
        try (InputStream in = f.content().open()) {
            return Checksums.compute(algorithm, in).orElseThrow();
        } catch (IOException e) {
            throw new HailctlException(ExitCode.USAGE, "cannot read " + f.key() + ": " + e.getMessage());
        }
    }

    /**
     * Runs every task on the pool and returns their results in order. The first failure wins (after
     * the others finished, so no upload is cut off half-way); a Ctrl-C stops tasks not yet started.
     */
    private static <T> List<T> runAll(ExecutorService pool, List<Callable<T>> tasks, Cancellation cancellation,
                                      String what) throws InterruptedException {
        List<Future<T>> futures = new ArrayList<>();
        for (Callable<T> task : tasks) {
            futures.add(pool.submit(() -> {
                cancellation.check();
                return task.call();
            }));
        }
        List<T> out = new ArrayList<>();
        RuntimeException first = null;
        int failed = 0;
        for (Future<T> f : futures) {
            try {
                out.add(f.get());
            } catch (ExecutionException e) {
                failed++;
                if (first == null) {
                    first = e.getCause() instanceof RuntimeException r ? r
                            : new HailctlException(ExitCode.INTERNAL, what + " failed: " + e.getCause(), null, e.getCause());
                }
            }
        }
        if (first != null) {
            if (failed > 1 && first instanceof HailctlException h) {
                throw new HailctlException(h.exitCode(), h.getMessage() + " (and " + (failed - 1) + " more "
                        + what + (failed - 1 == 1 ? "" : "s") + " failed)", h.hint().orElse(null), h);
            }
            throw first;
        }
        return out;
    }

    private ExecutorService pool() {
        return Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "hailctl-seed");
            t.setDaemon(true);
            return t;
        });
    }

    /** Content types for what Jupyter content holds; S3 would otherwise call everything binary. */
    static String contentType(String key) {
        String name = key.toLowerCase(Locale.ROOT);
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 || dot < name.lastIndexOf('/') ? "" : name.substring(dot + 1);
        return switch (ext) {
            case "ipynb" -> "application/x-ipynb+json";
            case "json" -> "application/json";
            case "py" -> "text/x-python";
            case "sh", "" -> ext.isEmpty() && !name.startsWith("scripts/") ? "application/octet-stream" : "text/x-shellscript";
            case "md" -> "text/markdown";
            case "txt", "cfg", "ini", "conf", "yaml", "yml", "csv", "tsv" -> "text/plain";
            case "html" -> "text/html";
            case "png" -> "image/png";
            case "jpg", "jpeg" -> "image/jpeg";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }
}
