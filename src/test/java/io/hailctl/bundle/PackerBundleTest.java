package io.hailctl.bundle;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PackerBundleTest {
    private final Bundle bundle = new Bundle();

    @Test
    void theZipIsTheBundledPackerFolderWithTheBuildspecAtItsRootAndEveryFileByteForByte() throws Exception {
        PackerBundle b = PackerBundle.of(bundle);
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(b.zip()))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
                assertArrayEquals(bundle.bytes("packer/" + e.getName()), zip.readAllBytes(), e.getName());
            }
        }
        assertEquals(bundle.list("packer"), names, "every bundled file, sorted");
        assertTrue(names.contains("buildspec.yml"), "CodeBuild looks for buildspec.yml at the root: " + names);
        assertTrue(names.contains("scripts/publish-ami.sh"), names.toString());
    }

    @Test
    void theSameHailctlAlwaysMakesTheSameBytesWhateverTheTimeZone() {
        PackerBundle first = PackerBundle.of(bundle);
        TimeZone saved = TimeZone.getDefault();
        try {
            TimeZone.setDefault(TimeZone.getTimeZone("Pacific/Kiritimati"));
            PackerBundle second = PackerBundle.of(bundle);
            assertArrayEquals(first.zip(), second.zip());
            assertEquals(first.sha256(), second.sha256());
        } finally {
            TimeZone.setDefault(saved);
        }
    }

    @Test
    void itIsNamedByTheSha256OfItsBytes() throws Exception {
        PackerBundle b = PackerBundle.of(bundle);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.zip()));
        assertEquals(sha, b.sha256());
        assertEquals("hailctl/packer/" + sha + ".zip", b.key());
        assertTrue(b.key().matches("^[A-Za-z0-9!_.*'()/-]+\\.zip$"), "hail-ami.yml's PackerBundleKey AllowedPattern");
    }

    @Test
    void anyChangeToAFileChangesTheName() throws IOException {
        // A class loader that serves the real bundle except for one changed script.
        ClassLoader real = getClass().getClassLoader();
        ClassLoader changed = new ClassLoader(real) {
            @Override
            public java.io.InputStream getResourceAsStream(String name) {
                if (name.endsWith("packer/scripts/cleanup.sh")) {
                    return new ByteArrayInputStream("echo changed\n".getBytes());
                }
                return real.getResourceAsStream(name);
            }
        };
        assertTrue(!PackerBundle.of(new Bundle(changed)).sha256().equals(PackerBundle.of(bundle).sha256()));
    }
}
