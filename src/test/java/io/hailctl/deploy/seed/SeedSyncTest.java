package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.progress.ProgressEvent;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedSyncTest {
    private final FakeBucket bucket = new FakeBucket("jb");
    private final List<ProgressEvent> events = Collections.synchronizedList(new ArrayList<>());
    private final Cancellation cancellation = new Cancellation();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-01T00:00:00Z"), ZoneOffset.UTC);
    private final StepContext ctx = new StepContext("seed", events::add, clock, Sleeper.REAL, cancellation, Confirmer.NO,
            CallBudget.standard(clock, d -> { }), true);
    private final SeedSync sync = new SeedSync(bucket, 4);

    /** A source over an in-memory map of key to text. */
    private static SeedSource source(Map<String, String> files, List<String> prefixes) {
        Map<String, String> sorted = new TreeMap<>(files);
        return new SeedSource() {
            @Override
            public String describe() {
                return "test content";
            }

            @Override
            public List<SeedFile> files() {
                List<SeedFile> out = new ArrayList<>();
                sorted.forEach((k, v) -> {
                    byte[] b = v.getBytes(StandardCharsets.UTF_8);
                    out.add(new SeedFile(k, b.length, k.startsWith("scripts/"), () -> new ByteArrayInputStream(b)));
                });
                return out;
            }

            @Override
            public List<String> prefixes() {
                return prefixes;
            }
        };
    }

    private static Map<String, String> many(int n) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            m.put("common-notebooks/nb" + i + ".ipynb", "{\"n\": " + i + "}");
        }
        m.put("scripts/list-clusters", "#!/bin/bash\naws emr list-clusters\n");
        return m;
    }

    private List<String> activity(String status) {
        List<String> out = new ArrayList<>();
        for (ProgressEvent e : List.copyOf(events)) {
            if (e instanceof ProgressEvent.StepActivity a && a.status().equals(status)) {
                out.add(a.resource());
            }
        }
        Collections.sort(out);
        return out;
    }

    @Test
    void firstSyncUploadsEverythingThenNothingThenOnlyWhatChanged() throws Exception {
        Map<String, String> files = many(25);
        SeedReport first = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(26, bucket.puts.get());
        assertEquals(26, first.diff().uploads().size());
        assertArrayEquals("#!/bin/bash\naws emr list-clusters\n".getBytes(StandardCharsets.UTF_8),
                bucket.contents().get("scripts/list-clusters"));
        assertEquals("0755", bucket.objects.get("scripts/list-clusters").metadata().get(SeedFile.MODE_METADATA));
        assertEquals("0644", bucket.objects.get("common-notebooks/nb3.ipynb").metadata().get(SeedFile.MODE_METADATA));
        assertEquals("application/x-ipynb+json", bucket.objects.get("common-notebooks/nb3.ipynb").contentType());
        assertEquals(26, activity("uploaded").size());

        SeedReport again = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(26, bucket.puts.get(), "a second sync uploads nothing");
        assertEquals(26, again.diff().unchanged().size());
        assertEquals("s3://jb: 0 uploaded, 26 unchanged, 0 deleted, 0 B in 0ms", again.summary());

        files.put("common-notebooks/nb7.ipynb", "{\"n\": 8}"); // same size, other content
        SeedReport third = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(27, bucket.puts.get());
        assertEquals(List.of(new SeedDiff.Upload("common-notebooks/nb7.ipynb", SeedDiff.Reason.CONTENT)), third.diff().uploads());
        assertEquals("{\"n\": 8}", new String(bucket.contents().get("common-notebooks/nb7.ipynb"), StandardCharsets.UTF_8));
    }

    @Test
    void withoutAManifestOnlySameSizedObjectsCostAHeadObject() throws Exception {
        Map<String, String> files = many(3);
        sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(0, bucket.heads.get(), "nothing was there: the listing settles it");
        bucket.objects.remove(SeedManifest.KEY);
        files.put("common-notebooks/nb1.ipynb", "{\"n\": 1000}");
        sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(3, bucket.heads.get(), "the changed size needed no HEAD, the three others did");
    }

    @Test
    void anObjectS3ChecksummedWithCrc64NvmeCountsAsUnchangedWhenTheContentIsTheSame() throws Exception {
        byte[] body = "#!/bin/bash\necho ssm\n".getBytes(StandardCharsets.UTF_8);
        bucket.preload("scripts/ssm", body, Optional.of(ObjectChecksum.full("CRC64NVME",
                Checksums.compute("CRC64NVME", body))), Map.of(SeedFile.MODE_METADATA, "0755"));
        SeedReport r = sync.run("jb", source(Map.of("scripts/ssm", "#!/bin/bash\necho ssm\n"), SeedSource.PREFIXES), false, true, ctx);
        assertEquals(List.of("scripts/ssm"), r.diff().unchanged());
        assertEquals(0, bucket.puts.get());
    }

    @Test
    void anObjectWithoutChecksumIsUploadedOnceAndThenProvenUnchanged() throws Exception {
        bucket.preload("scripts/ssm", "x".getBytes(StandardCharsets.UTF_8), Optional.empty(), Map.of());
        SeedSource src = source(Map.of("scripts/ssm", "x"), SeedSource.PREFIXES);
        SeedReport first = sync.run("jb", src, false, true, ctx);
        assertEquals(SeedDiff.Reason.NO_CHECKSUM, first.diff().uploads().get(0).reason());
        SeedReport second = sync.run("jb", src, false, true, ctx);
        assertTrue(second.diff().inSync());
        assertEquals(1, bucket.puts.get());
    }

    @Test
    void extrasAreReportedAndDeletedOnlyWhenAsked() throws Exception {
        sync.run("jb", source(many(3), SeedSource.PREFIXES), false, true, ctx);
        bucket.preload("alice/mine.ipynb", new byte[] {1}, Optional.empty(), Map.of());
        Map<String, String> fewer = many(3);
        fewer.remove("common-notebooks/nb0.ipynb");

        SeedReport kept = sync.run("jb", source(fewer, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(List.of("common-notebooks/nb0.ipynb"), kept.diff().keptExtras());
        assertTrue(bucket.objects.containsKey("common-notebooks/nb0.ipynb"));
        assertEquals("s3://jb: 0 uploaded, 3 unchanged, 0 deleted, 0 B in 0ms; 1 object not in the source kept "
                + "(--delete removes them)", kept.summary());

        SeedReport deleted = sync.run("jb", source(fewer, SeedSource.PREFIXES), true, true, ctx);
        assertEquals(List.of("common-notebooks/nb0.ipynb"), deleted.diff().deletions());
        assertTrue(!bucket.objects.containsKey("common-notebooks/nb0.ipynb"));
        assertTrue(bucket.objects.containsKey("alice/mine.ipynb"), "a user's own prefix is never touched");
        assertEquals(List.of("common-notebooks/nb0.ipynb"), activity("deleted"));
    }

    @Test
    void aDryRunSaysWhatWouldHappenAndWritesNothing() throws Exception {
        sync.run("jb", source(many(2), SeedSource.PREFIXES), false, true, ctx);
        Map<String, byte[]> before = bucket.contents();
        int puts = bucket.puts.get();
        Map<String, String> changed = many(2);
        changed.remove("common-notebooks/nb0.ipynb");
        changed.put("scripts/new", "echo new\n");

        SeedReport r = sync.run("jb", source(changed, SeedSource.PREFIXES), true, false, ctx);
        assertEquals(puts, bucket.puts.get());
        assertEquals(0, bucket.deletes.get());
        assertEquals(before.keySet(), bucket.contents().keySet());
        assertEquals(List.of("scripts/new"), activity("would upload"));
        assertEquals(List.of("common-notebooks/nb0.ipynb"), activity("would delete"));
        assertEquals("s3://jb: would upload 1, 2 unchanged, would delete 1 (9 B) - dry run, nothing written", r.summary());
    }

    @Test
    void aDeniedUploadFailsWithItsOwnLineAfterTheOthersFinished() {
        bucket.deniedPuts.add("common-notebooks/nb1.ipynb");
        bucket.deniedPuts.add("common-notebooks/nb2.ipynb");
        HailctlException e = assertThrows(HailctlException.class,
                () -> sync.run("jb", source(many(4), SeedSource.PREFIXES), false, true, ctx));
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals("S3: AccessDenied: Access Denied (and 1 more upload failed)", e.getMessage());
        assertEquals(3, bucket.puts.get(), "the other uploads were not cut off");
    }

    @Test
    void aMissingBucketIsARefusal() {
        bucket.exists = false;
        HailctlException e = assertThrows(HailctlException.class,
                () -> sync.run("jb", source(many(1), SeedSource.PREFIXES), false, true, ctx));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals(0, bucket.puts.get());
    }

    @Test
    void aCtrlCBeforeTheUploadsStartWritesNothing() {
        cancellation.cancel();
        assertThrows(Cancellation.Detached.class, () -> sync.run("jb", source(many(3), SeedSource.PREFIXES), false, true, ctx));
        assertEquals(0, bucket.puts.get());
    }

    // ---- the manifest: an unchanged seed proves "unchanged" without a HeadObject per file ----

    private String manifestText() {
        return new String(bucket.contents().get(SeedManifest.KEY), StandardCharsets.UTF_8);
    }

    @Test
    void theManifestLetsAnUnchangedSeedSkipEveryHeadAndWriteNothing() throws Exception {
        Map<String, String> files = many(25);
        sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(1, bucket.manifestPuts.get(), "the manifest is written once, after the uploads");
        assertEquals(28, manifestText().lines().count(), "header, bucket, one line per object: " + manifestText());

        SeedReport again = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(26, again.diff().unchanged().size());
        assertEquals(0, bucket.heads.get(), "every object proven by the manifest");
        assertEquals(26, bucket.puts.get());
        assertEquals(1, bucket.manifestPuts.get(), "nothing learnt, nothing written: not even the manifest");

        files.put("common-notebooks/nb7.ipynb", "{\"n\": 8}"); // same size, other content
        SeedReport third = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(List.of(new SeedDiff.Upload("common-notebooks/nb7.ipynb", SeedDiff.Reason.CONTENT)), third.diff().uploads());
        assertEquals(0, bucket.heads.get(), "the manifest's CRC32 settled it");
        assertEquals(2, bucket.manifestPuts.get(), "the new write of nb7 is remembered");
        assertTrue(sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx).diff().inSync());
        assertEquals(0, bucket.heads.get());
    }

    @Test
    void anObjectChangedOrDeletedBehindTheManifestsBackIsNeverSkipped() throws Exception {
        Map<String, String> files = many(3);
        SeedSource src = source(files, SeedSource.PREFIXES);
        sync.run("jb", src, false, true, ctx);
        byte[] nb0 = bucket.contents().get("common-notebooks/nb0.ipynb");
        // By hand: nb0 same size, other bytes, with the CRC32 S3 would store; nb1 the same bytes written
        // again without hailctl's mode (the ETag stays the MD5 of the bytes: only LastModified tells);
        // nb2 deleted.
        byte[] other = "{\"n\": 9}".getBytes(StandardCharsets.UTF_8);
        assertEquals(nb0.length, other.length);
        bucket.preload("common-notebooks/nb0.ipynb", other, Optional.of(ObjectChecksum.full(Checksums.CRC32,
                Checksums.compute(Checksums.CRC32, other))), Map.of(SeedFile.MODE_METADATA, "0644"));
        byte[] nb1 = bucket.contents().get("common-notebooks/nb1.ipynb");
        bucket.preload("common-notebooks/nb1.ipynb", nb1, Optional.of(ObjectChecksum.full(Checksums.CRC32,
                Checksums.compute(Checksums.CRC32, nb1))), Map.of());
        bucket.objects.remove("common-notebooks/nb2.ipynb");

        SeedReport r = sync.run("jb", src, false, true, ctx);
        assertEquals(List.of(new SeedDiff.Upload("common-notebooks/nb0.ipynb", SeedDiff.Reason.CONTENT),
                new SeedDiff.Upload("common-notebooks/nb1.ipynb", SeedDiff.Reason.MODE),
                new SeedDiff.Upload("common-notebooks/nb2.ipynb", SeedDiff.Reason.NEW)), r.diff().uploads());
        assertEquals(2, bucket.heads.get(), "only the two objects written by hand were read again");
        assertArrayEquals(nb0, bucket.contents().get("common-notebooks/nb0.ipynb"));
        assertTrue(sync.run("jb", src, false, true, ctx).diff().inSync());
        assertEquals(2, bucket.heads.get(), "and remembered");
    }

    @Test
    void aMissingCorruptOlderOrForeignManifestCostsHeadsNeverAnUpload() throws Exception {
        Map<String, String> files = many(3);
        SeedSource src = source(files, SeedSource.PREFIXES);
        sync.run("jb", src, false, true, ctx);
        String good = manifestText();
        List<byte[]> bad = List.of("not a manifest".getBytes(StandardCharsets.UTF_8),
                good.replace("manifest 1", "manifest 0").getBytes(StandardCharsets.UTF_8),
                good.replace("bucket jb", "bucket elsewhere").getBytes(StandardCharsets.UTF_8),
                good.substring(0, good.length() / 2).getBytes(StandardCharsets.UTF_8));
        int heads = 0;
        for (byte[] manifest : bad) {
            bucket.preload(SeedManifest.KEY, manifest, Optional.empty(), Map.of());
            // One same-sized object changed by hand as well: the fallback must still see it.
            files.put("common-notebooks/nb1.ipynb", "{\"n\": 7}");
            SeedReport changed = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
            assertEquals(List.of(new SeedDiff.Upload("common-notebooks/nb1.ipynb", SeedDiff.Reason.CONTENT)),
                    changed.diff().uploads(), new String(manifest, StandardCharsets.UTF_8));
            heads += 4;
            assertEquals(heads, bucket.heads.get(), "each object read with HeadObject instead");
            files.put("common-notebooks/nb1.ipynb", "{\"n\": 1}");
            SeedReport back = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
            assertEquals(1, back.diff().uploads().size());
            assertEquals(heads, bucket.heads.get(), "the manifest written again is used again");
        }
        bucket.objects.remove(SeedManifest.KEY);
        assertTrue(sync.run("jb", src, false, true, ctx).diff().inSync());
        assertEquals(heads + 4, bucket.heads.get(), "no manifest: one HeadObject per same-sized object");
        assertEquals(SeedManifest.parse("jb", good.getBytes(StandardCharsets.UTF_8)).entries().keySet(),
                SeedManifest.parse("jb", bucket.contents().get(SeedManifest.KEY)).entries().keySet(),
                "and a manifest of every object written again");
    }

    @Test
    void aFailedSeedLeavesTheOldManifestWhichIsStillNeverWrong() throws Exception {
        Map<String, String> files = many(4);
        sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        byte[] before = bucket.contents().get(SeedManifest.KEY);
        files.put("common-notebooks/nb1.ipynb", "{\"n\": 5}");
        files.put("common-notebooks/nb2.ipynb", "{\"n\": 6}");
        bucket.deniedPuts.add("common-notebooks/nb2.ipynb");
        assertThrows(HailctlException.class, () -> sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx));
        assertArrayEquals(before, bucket.contents().get(SeedManifest.KEY), "nb1 was written, the manifest was not");

        bucket.deniedPuts.clear();
        files.put("common-notebooks/nb1.ipynb", "{\"n\": 1}"); // back to what the old manifest describes
        SeedReport r = sync.run("jb", source(files, SeedSource.PREFIXES), false, true, ctx);
        assertEquals(List.of(new SeedDiff.Upload("common-notebooks/nb1.ipynb", SeedDiff.Reason.CONTENT),
                new SeedDiff.Upload("common-notebooks/nb2.ipynb", SeedDiff.Reason.CONTENT)), r.diff().uploads(),
                "the old entry of nb1 describes an earlier write of it and is not used");
        assertEquals("{\"n\": 1}", new String(bucket.contents().get("common-notebooks/nb1.ipynb"), StandardCharsets.UTF_8));
    }

    @Test
    void deletedExtrasLeaveTheManifestAndADryRunWritesNoManifest() throws Exception {
        sync.run("jb", source(many(3), SeedSource.PREFIXES), false, true, ctx);
        Map<String, String> fewer = many(3);
        fewer.remove("common-notebooks/nb0.ipynb");
        byte[] before = bucket.contents().get(SeedManifest.KEY);

        sync.run("jb", source(fewer, SeedSource.PREFIXES), true, false, ctx);
        assertArrayEquals(before, bucket.contents().get(SeedManifest.KEY), "a dry run writes nothing");
        assertEquals(1, bucket.manifestPuts.get());

        sync.run("jb", source(fewer, SeedSource.PREFIXES), false, true, ctx);
        assertTrue(manifestText().contains("common-notebooks%2Fnb0.ipynb"), "a kept extra stays remembered");
        assertEquals(1, bucket.manifestPuts.get());

        SeedReport deleted = sync.run("jb", source(fewer, SeedSource.PREFIXES), true, true, ctx);
        assertEquals(List.of("common-notebooks/nb0.ipynb"), deleted.diff().deletions());
        assertTrue(!manifestText().contains("nb0.ipynb"), manifestText());
        assertEquals(2, bucket.manifestPuts.get());
        assertEquals(0, bucket.heads.get());
    }

    @Test
    void aManifestThatCannotBeWrittenIsANoteNotAFailure() throws Exception {
        bucket.deniedPuts.add(SeedManifest.KEY);
        SeedReport r = sync.run("jb", source(many(2), SeedSource.PREFIXES), false, true, ctx);
        assertEquals(3, r.diff().uploads().size());
        assertEquals(3, bucket.puts.get());
        List<String> notes = events.stream().filter(e -> e instanceof ProgressEvent.Note)
                .map(e -> ((ProgressEvent.Note) e).text()).toList();
        assertEquals(List.of("seed: could not write s3://jb/.hailctl/seed-manifest (S3: AccessDenied: Access Denied); "
                + "the next seed reads each object's checksum instead"), notes);
        assertTrue(sync.run("jb", source(many(2), SeedSource.PREFIXES), false, true, ctx).diff().inSync());
        assertEquals(3, bucket.heads.get(), "proven by HeadObject instead");
    }

    @Test
    void eachFileIsReadOnceForItsChecksumAndOnceToUploadIt() throws Exception {
        byte[] old = "{\"n\": 1}".getBytes(StandardCharsets.UTF_8);
        bucket.preload("common-notebooks/a.ipynb", old, Optional.of(ObjectChecksum.full(Checksums.CRC32,
                Checksums.compute(Checksums.CRC32, old))), Map.of(SeedFile.MODE_METADATA, "0644"));
        Map<String, java.util.concurrent.atomic.AtomicInteger> opens = new java.util.concurrent.ConcurrentHashMap<>();
        byte[] now = "{\"n\": 2}".getBytes(StandardCharsets.UTF_8);
        byte[] fresh = "new".getBytes(StandardCharsets.UTF_8);
        SeedSource counted = new SeedSource() {
            @Override
            public String describe() {
                return "counted";
            }

            @Override
            public List<SeedFile> files() {
                return List.of(file("common-notebooks/a.ipynb", now), file("common-notebooks/b.ipynb", fresh));
            }

            private SeedFile file(String key, byte[] bytes) {
                return new SeedFile(key, bytes.length, false, () -> {
                    opens.computeIfAbsent(key, k -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
                    return new ByteArrayInputStream(bytes);
                });
            }

            @Override
            public List<String> prefixes() {
                return SeedSource.PREFIXES;
            }
        };
        SeedReport r = sync.run("jb", counted, false, true, ctx);
        assertEquals(2, r.diff().uploads().size());
        assertEquals(2, opens.get("common-notebooks/a.ipynb").get(), "compared by CRC32, then uploaded with that CRC32");
        assertEquals(2, opens.get("common-notebooks/b.ipynb").get());
    }

    @Test
    void contentTypesForWhatJupyterContentHolds() {
        assertEquals("application/x-ipynb+json", SeedSync.contentType("common-notebooks/a.ipynb"));
        assertEquals("text/x-shellscript", SeedSync.contentType("scripts/list-clusters"));
        assertEquals("text/x-python", SeedSync.contentType("scripts/tool.py"));
        assertEquals("application/octet-stream", SeedSync.contentType("common-notebooks/data"));
        assertEquals("application/octet-stream", SeedSync.contentType("common-notebooks/v1.2/data"));
    }
}
