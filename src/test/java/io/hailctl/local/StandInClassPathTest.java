package io.hailctl.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class StandInClassPathTest {

    @Test
    void aSingleJarIsCopiedSoRebuildingItLeavesTheRunningStandInsClassesAlone(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("hailctl-all.jar"), new byte[] {1, 2, 3});
        Path emulator = dir.resolve("emulator");

        String used = StandInClassPath.of(jar.toString(), emulator);

        Path copy = emulator.resolve("stand-in.jar");
        assertEquals(copy.toAbsolutePath().toString(), used);
        Files.write(jar, new byte[] {9, 9});
        assertEquals(3, Files.readAllBytes(copy).length, "the copy keeps the build the stand-in started with");
        try (var files = Files.list(emulator)) {
            assertEquals(1, files.count(), "no partial copy left behind");
        }
    }

    @Test
    void aNewStartReplacesTheCopyByRenameNotInPlace(@TempDir Path dir) throws Exception {
        Path jar = Files.write(dir.resolve("hailctl-all.jar"), new byte[] {1, 2, 3});
        Path emulator = dir.resolve("emulator");
        StandInClassPath.of(jar.toString(), emulator);
        Object before = Files.readAttributes(emulator.resolve("stand-in.jar"),
                java.nio.file.attribute.BasicFileAttributes.class).fileKey();

        Files.write(jar, new byte[] {4, 5, 6, 7});
        StandInClassPath.of(jar.toString(), emulator);

        Path copy = emulator.resolve("stand-in.jar");
        assertEquals(4, Files.readAllBytes(copy).length);
        assertNotEquals(before, Files.readAttributes(copy, java.nio.file.attribute.BasicFileAttributes.class).fileKey(),
                "a new file (inode), so a stand-in still reading the old copy is not rewritten under it");
    }

    @Test
    void aClassPathOfSeveralEntriesOrFoldersIsUsedAsItIs(@TempDir Path dir) {
        String several = dir.resolve("classes") + File.pathSeparator + dir.resolve("dep.jar");
        assertEquals(several, StandInClassPath.of(several, dir.resolve("emulator")));
        assertEquals(dir.resolve("classes").toString(), StandInClassPath.of(dir.resolve("classes").toString(),
                dir.resolve("emulator")));
        assertEquals(false, Files.exists(dir.resolve("emulator")));
    }
}
