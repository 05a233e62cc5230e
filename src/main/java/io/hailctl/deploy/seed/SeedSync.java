package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.StepContext;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * One sync of seed content into a bucket: list the seeded prefixes, read the stored checksum of
 * every object whose size matches (in parallel), diff, then upload and delete (in parallel) — or,
 * in a dry run, only say what would happen. Each file is reported as a step activity.
 *
 * <p>Uploads are single PutObject calls on the shared sync client from a bounded pool rather than
 * the S3 Transfer Manager: the content is small files (notebooks, scripts), where multipart brings
 * nothing, and the Transfer Manager would need an async HTTP client (Netty or CRT) in a tool that
 * keeps one url-connection client for start-up time.
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
            return diff(bucket, source.files(), source.prefixes(), deleteExtras, pool, new Cancellation());
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
        try {
            SeedDiff diff = diff(bucket, files, source.prefixes(), deleteExtras, pool, ctx.cancellation());
            long bytes = diff.uploads().stream().mapToLong(u -> byKey.get(u.key()).size()).sum();
            if (!write) {
                diff.uploads().forEach(u -> ctx.activity(u.key(), "would upload", Optional.of(u.reason().words())));
                diff.deletions().forEach(k -> ctx.activity(k, "would delete", Optional.of("not in the source")));
            } else {
                List<Callable<Void>> uploads = new ArrayList<>();
                for (SeedDiff.Upload u : diff.uploads()) {
                    SeedFile f = byKey.get(u.key());
                    uploads.add(() -> {
                        objects.put(bucket, new BucketObjects.Upload(f.key(), f.size(), checksum(f, Checksums.CRC32),
                                contentType(f.key()), Map.of(SeedFile.MODE_METADATA, f.mode()), f.content()));
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
            }
            return new SeedReport(bucket, source.describe(), !write, diff, bytes,
                    Duration.between(start, ctx.clock().instant()));
        } finally {
            pool.shutdownNow();
        }
    }

    private SeedDiff diff(String bucket, List<SeedFile> files, List<String> prefixes, boolean deleteExtras,
                          ExecutorService pool, Cancellation cancellation) throws InterruptedException {
        List<Callable<List<BucketObjects.Listed>>> listings = new ArrayList<>();
        for (String prefix : SeedSource.PREFIXES) {
            listings.add(() -> objects.list(bucket, prefix));
        }
        List<BucketObjects.Listed> listed = new ArrayList<>();
        runAll(pool, listings, cancellation, "list").forEach(listed::addAll);

        Map<String, SeedFile> byKey = new LinkedHashMap<>();
        files.forEach(f -> byKey.put(f.key(), f));
        Set<String> detailed = SeedDiff.needDetails(files, listed);
        List<Callable<Detail>> heads = new ArrayList<>();
        for (String key : detailed) {
            heads.add(() -> {
                Optional<BucketObjects.Stored> stored = objects.head(bucket, key);
                Map<String, String> mine = new HashMap<>();
                Optional<ObjectChecksum> sum = stored.flatMap(BucketObjects.Stored::checksum).filter(ObjectChecksum::fullObject);
                if (sum.isPresent() && Checksums.SUPPORTED.contains(sum.get().algorithm())) {
                    mine.put(sum.get().algorithm(), checksum(byKey.get(key), sum.get().algorithm()));
                }
                return new Detail(key, stored, mine);
            });
        }
        Map<String, Detail> details = new HashMap<>();
        runAll(pool, heads, cancellation, "read").forEach(d -> details.put(d.key(), d));

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
        return SeedDiff.of(local, remote, prefixes, deleteExtras);
    }

    private record Detail(String key, Optional<BucketObjects.Stored> stored, Map<String, String> checksums) {
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
