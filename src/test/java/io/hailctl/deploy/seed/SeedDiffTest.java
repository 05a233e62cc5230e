package io.hailctl.deploy.seed;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SeedDiffTest {
    private static final List<String> BOTH = SeedSource.PREFIXES;

    private static SeedDiff.Local local(String key, long size, String mode, String algo, String sum) {
        return new SeedDiff.Local(key, size, mode, Map.of(algo, sum));
    }

    private static SeedDiff.Remote remote(String key, long size, String algo, String sum, String mode) {
        return new SeedDiff.Remote(key, size, Optional.of(new BucketObjects.Stored(size,
                Optional.of(ObjectChecksum.full(algo, sum)), mode == null ? Map.of() : Map.of(SeedFile.MODE_METADATA, mode))));
    }

    private static SeedDiff one(SeedDiff.Local l, SeedDiff.Remote r) {
        return SeedDiff.of(List.of(l), r == null ? List.of() : List.of(r), BOTH, false);
    }

    private static SeedDiff.Reason reasonOf(SeedDiff d) {
        assertEquals(1, d.uploads().size(), d.toString());
        return d.uploads().get(0).reason();
    }

    @Test
    void sameSizeSameStoredChecksumSameModeIsUnchanged() {
        SeedDiff d = one(local("scripts/ssm", 10, "0755", "CRC32", "abc="), remote("scripts/ssm", 10, "CRC32", "abc=", "0755"));
        assertEquals(List.of("scripts/ssm"), d.unchanged());
        assertTrue(d.inSync());
    }

    @Test
    void aMissingObjectIsNew() {
        assertEquals(SeedDiff.Reason.NEW, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "a"), null)));
    }

    @Test
    void anotherSizeIsAChangeWhateverTheChecksumSays() {
        assertEquals(SeedDiff.Reason.SIZE, reasonOf(one(local("scripts/ssm", 11, "0755", "CRC32", "abc="),
                remote("scripts/ssm", 10, "CRC32", "abc=", "0755"))));
    }

    @Test
    void sameSizeOtherChecksumIsAContentChange() {
        assertEquals(SeedDiff.Reason.CONTENT, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "abc="),
                remote("scripts/ssm", 10, "CRC32", "xyz=", "0755"))));
    }

    @Test
    void theStoredAlgorithmIsTheOneCompared() {
        // S3 gives objects uploaded without a checksum a CRC64NVME one: compared in that algorithm.
        SeedDiff.Local l = new SeedDiff.Local("scripts/ssm", 10, "0755", Map.of("CRC64NVME", "nv=", "CRC32", "other="));
        assertTrue(one(l, remote("scripts/ssm", 10, "CRC64NVME", "nv=", "0755")).inSync());
    }

    @Test
    void withoutAStoredChecksumNothingIsProvenSoItIsUploaded() {
        SeedDiff.Remote bare = new SeedDiff.Remote("scripts/ssm", 10,
                Optional.of(new BucketObjects.Stored(10, Optional.empty(), Map.of(SeedFile.MODE_METADATA, "0755"))));
        assertEquals(SeedDiff.Reason.NO_CHECKSUM, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "a"), bare)));
        // Listed but never read (no HeadObject facts): not proven either.
        SeedDiff.Remote unread = new SeedDiff.Remote("scripts/ssm", 10, Optional.empty());
        assertEquals(SeedDiff.Reason.NO_CHECKSUM, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "a"), unread)));
    }

    @Test
    void aCompositeMultipartChecksumIsNotTheFilesChecksum() {
        SeedDiff.Remote multipart = new SeedDiff.Remote("scripts/ssm", 10, Optional.of(new BucketObjects.Stored(10,
                Optional.of(new ObjectChecksum("CRC32", "abc=", false)), Map.of(SeedFile.MODE_METADATA, "0755"))));
        assertEquals(SeedDiff.Reason.NO_CHECKSUM, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "abc="), multipart)));
    }

    @Test
    void anAlgorithmWeCouldNotComputeLocallyIsNoProof() {
        SeedDiff.Local l = new SeedDiff.Local("scripts/ssm", 10, "0755", Map.of());
        assertEquals(SeedDiff.Reason.NO_CHECKSUM, reasonOf(one(l, remote("scripts/ssm", 10, "MD5", "abc=", "0755"))));
    }

    @Test
    void aChangedOrMissingModeIsAChange() {
        assertEquals(SeedDiff.Reason.MODE, reasonOf(one(local("common-notebooks/a.ipynb", 10, "0755", "CRC32", "abc="),
                remote("common-notebooks/a.ipynb", 10, "CRC32", "abc=", "0644"))));
        assertEquals(SeedDiff.Reason.MODE, reasonOf(one(local("scripts/ssm", 10, "0755", "CRC32", "abc="),
                remote("scripts/ssm", 10, "CRC32", "abc=", null))));
    }

    @Test
    void extrasUnderTheSeededPrefixesAreKeptUnlessDeletionIsAsked() {
        List<SeedDiff.Local> l = List.of(local("scripts/ssm", 1, "0755", "CRC32", "a"));
        List<SeedDiff.Remote> r = List.of(remote("scripts/ssm", 1, "CRC32", "a", "0755"),
                remote("scripts/old", 1, "CRC32", "b", "0755"),
                remote("common-notebooks/old.ipynb", 1, "CRC32", "c", "0644"));
        SeedDiff kept = SeedDiff.of(l, r, BOTH, false);
        assertEquals(List.of("common-notebooks/old.ipynb", "scripts/old"), kept.keptExtras());
        assertEquals(List.of(), kept.deletions());
        assertTrue(kept.inSync(), "extras kept are not a pending change");

        SeedDiff deleting = SeedDiff.of(l, r, BOTH, true);
        assertEquals(List.of("common-notebooks/old.ipynb", "scripts/old"), deleting.deletions());
        assertFalse(deleting.inSync());
    }

    @Test
    void onlyPrefixesTheSourceSpeaksForAreEverDeleted() {
        // A folder with only common-notebooks/ says nothing about the scripts in the bucket.
        List<SeedDiff.Remote> r = List.of(remote("scripts/ssm", 1, "CRC32", "a", "0755"),
                remote("common-notebooks/gone.ipynb", 1, "CRC32", "b", "0644"),
                remote("alice/work.ipynb", 1, "CRC32", "c", "0644"),
                remote("common-notebooks/", 0, "CRC32", "d", null));
        SeedDiff d = SeedDiff.of(List.of(), r, List.of("common-notebooks/"), true);
        assertEquals(List.of("common-notebooks/gone.ipynb"), d.deletions());
    }

    @Test
    void onlySameSizedObjectsNeedAHeadObject() {
        List<SeedFile> files = List.of(new SeedFile("scripts/a", 5, true, () -> null),
                new SeedFile("scripts/b", 6, true, () -> null), new SeedFile("scripts/c", 7, true, () -> null));
        List<BucketObjects.Listed> listed = List.of(BucketObjects.Listed.sized("scripts/a", 5),
                BucketObjects.Listed.sized("scripts/b", 9), BucketObjects.Listed.sized("scripts/z", 7));
        assertEquals(Set.of("scripts/a"), SeedDiff.needDetails(files, listed));
    }
}
