package io.hailctl.deploy.seed;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedManifestTest {
    private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");

    private static SeedManifest.Entry entry(String key, long size, String etag, Instant at, Optional<String> mode) {
        return new SeedManifest.Entry(key, size, etag, at, ObjectChecksum.full(Checksums.CRC32, "AAAAAA=="), mode);
    }

    private static BucketObjects.Listed listed(String key, long size, String etag, Instant at) {
        return new BucketObjects.Listed(key, size, etag, Optional.of(at));
    }

    private static SeedManifest sample() {
        return new SeedManifest("jb", Map.of(
                "scripts/ssm", entry("scripts/ssm", 12, "\"0123\"", T, Optional.of("0755")),
                "common-notebooks/a b+c%d é\n.ipynb", entry("common-notebooks/a b+c%d é\n.ipynb", 3, "\"9abc-2\"",
                        T.plusMillis(1), Optional.empty())));
    }

    @Test
    void whatIsRenderedReadsBackTheSameAndTheSameFactsGiveTheSameBytes() {
        SeedManifest m = sample();
        byte[] bytes = m.render();
        assertEquals(m, SeedManifest.parse("jb", bytes));
        assertArrayEquals(bytes, new SeedManifest("jb", new java.util.TreeMap<>(m.entries())).render());
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(text.startsWith("hailctl seed manifest 1\nbucket jb\ncommon-notebooks%2F"), text);
        assertEquals(4, text.lines().count(), "one line per key, whatever the key holds: " + text);
    }

    @Test
    void anythingButThisVersionForThisBucketCountsAsEmpty() {
        String good = new String(sample().render(), StandardCharsets.UTF_8);
        List<String> bad = List.of(
                "",
                "garbage",
                good.replace("hailctl seed manifest 1", "hailctl seed manifest 0"),
                good.replace("hailctl seed manifest 1", "hailctl seed manifest 2"),
                good.substring(0, good.length() - 1),                        // cut off: no final newline
                good.substring(0, good.length() - 10),                       // cut off mid-line
                good.replace(" 0755\n", " 0755 extra\n"),
                good.replace(" 0755\n", " rwxr-xr-x\n"),
                good.replace(" CRC32 ", " MD5 "),
                good.replace(" 12 ", " twelve "),
                good.replace(" 12 ", " -12 "),
                good + good.lines().skip(2).findFirst().orElseThrow() + "\n");  // a key twice
        for (String text : bad) {
            assertEquals(SeedManifest.empty("jb"), SeedManifest.parse("jb", text.getBytes(StandardCharsets.UTF_8)),
                    "counts as empty: " + text);
        }
        assertEquals(SeedManifest.empty("other"), SeedManifest.parse("other", sample().render()),
                "a manifest copied from another bucket counts as empty");
    }

    @Test
    void anEntryStandsInForAHeadObjectOnlyForTheVeryWriteItDescribes() {
        SeedManifest m = sample();
        BucketObjects.Listed same = listed("scripts/ssm", 12, "\"0123\"", T);
        BucketObjects.Stored facts = m.factsFor(same).orElseThrow();
        assertEquals(Optional.of(ObjectChecksum.full(Checksums.CRC32, "AAAAAA==")), facts.checksum());
        assertEquals(Map.of(SeedFile.MODE_METADATA, "0755"), facts.metadata());

        assertEquals(Optional.empty(), m.factsFor(listed("scripts/ssm", 13, "\"0123\"", T)), "other size");
        assertEquals(Optional.empty(), m.factsFor(listed("scripts/ssm", 12, "\"0124\"", T)), "other bytes");
        assertEquals(Optional.empty(), m.factsFor(listed("scripts/ssm", 12, "\"0123\"", T.plusSeconds(1))),
                "written again (same bytes, perhaps other metadata)");
        assertEquals(Optional.empty(), m.factsFor(new BucketObjects.Listed("scripts/ssm", 12, "\"0123\"", Optional.empty())),
                "a listing without LastModified identifies no write");
        assertEquals(Optional.empty(), m.factsFor(listed("scripts/other", 12, "\"0123\"", T)));
    }

    @Test
    void entriesAreLearntOnlyFromComparableChecksumsAndListingsThatNameAWrite() {
        BucketObjects.Listed l = listed("scripts/x", 4, "\"e\"", T);
        BucketObjects.Stored crc = new BucketObjects.Stored(4, Optional.of(ObjectChecksum.full("CRC64NVME", "AAAAAAAAAAA=")),
                Map.of());
        assertEquals(Optional.of(new SeedManifest.Entry("scripts/x", 4, "\"e\"", T,
                ObjectChecksum.full("CRC64NVME", "AAAAAAAAAAA="), Optional.empty())), SeedManifest.Entry.of(l, crc));
        assertEquals(Optional.empty(), SeedManifest.Entry.of(l, new BucketObjects.Stored(4, Optional.empty(), Map.of())),
                "no checksum");
        assertEquals(Optional.empty(), SeedManifest.Entry.of(l, new BucketObjects.Stored(4,
                Optional.of(new ObjectChecksum("CRC32", "AAAAAA==-2", false)), Map.of())), "a multipart composite");
        assertEquals(Optional.empty(), SeedManifest.Entry.of(l, new BucketObjects.Stored(5, crc.checksum(), Map.of())),
                "HeadObject saw another write than the listing");
        assertEquals(Optional.empty(), SeedManifest.Entry.of(BucketObjects.Listed.sized("scripts/x", 4), crc));
    }

    @Test
    void keepingLeavesOnlyEntriesOfObjectsAsTheyAreListedNow() {
        SeedManifest.Entry a = entry("scripts/a", 1, "\"a\"", T, Optional.of("0755"));
        SeedManifest.Entry b = entry("scripts/b", 1, "\"b\"", T, Optional.of("0755"));
        SeedManifest.Entry c = entry("scripts/c", 1, "\"c\"", T, Optional.of("0755"));
        SeedManifest kept = SeedManifest.keeping("jb", List.of(a, b, c), List.of(
                listed("scripts/a", 1, "\"a\"", T),                 // unchanged
                listed("scripts/b", 1, "\"b\"", T.plusSeconds(5))));  // written again; c is gone
        assertEquals(Map.of("scripts/a", a), kept.entries());
    }
}
