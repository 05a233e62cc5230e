package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.bundle.Bundle;
import io.hailctl.deploy.stack.FakeStacks;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where seed content comes from, and where it goes: folder, bundle, the s3 stack's bucket. */
class SeedSourcesTest {

    private static Path write(Path root, String rel, String text) throws Exception {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        return Files.writeString(p, text);
    }

    @Test
    void aFolderSeedsItsTwoFoldersAndLeavesLitterAndTheRestOut(@TempDir Path dir) throws Exception {
        write(dir, "common-notebooks/a.ipynb", "{}");
        write(dir, "common-notebooks/deep/b.ipynb", "{}");
        write(dir, "common-notebooks/.ipynb_checkpoints/a-checkpoint.ipynb", "{}");
        write(dir, "common-notebooks/.DS_Store", "x");
        write(dir, "scripts/list-clusters", "#!/bin/sh\n");
        write(dir, "README.md", "not seeded");
        write(dir, "alice/mine.ipynb", "a user's prefix: never seeded");
        Path runnable = write(dir, "common-notebooks/run.sh", "#!/bin/sh\n");
        Files.setPosixFilePermissions(runnable, PosixFilePermissions.fromString("rwxr-xr-x"));

        FolderSource src = FolderSource.open(dir, "jupyter");
        List<SeedFile> files = src.files();
        assertEquals(List.of("common-notebooks/a.ipynb", "common-notebooks/deep/b.ipynb", "common-notebooks/run.sh",
                "scripts/list-clusters"), files.stream().map(SeedFile::key).toList());
        assertEquals(List.of(false, false, true, true), files.stream().map(SeedFile::executable).toList());
        assertEquals(SeedSource.PREFIXES, src.prefixes());
        assertEquals(2, files.get(0).size());
    }

    @Test
    void aFolderWithOnlyScriptsSpeaksOnlyForScripts(@TempDir Path dir) throws Exception {
        write(dir, "scripts/ssm", "#!/bin/sh\n");
        assertEquals(List.of("scripts/"), FolderSource.open(dir, "x").prefixes());
    }

    @Test
    void badFoldersAreRefusedAsBadInputNamingWhatWasTyped(@TempDir Path dir) throws Exception {
        HailctlException missing = assertThrows(HailctlException.class, () -> FolderSource.open(dir.resolve("nope"), "nope"));
        assertEquals(ExitCode.USAGE, missing.exitCode());
        assertEquals("DIR = nope: no such folder", missing.getMessage());

        Path file = write(dir, "file.txt", "x");
        assertEquals("DIR = file.txt: not a folder",
                assertThrows(HailctlException.class, () -> FolderSource.open(file, "file.txt")).getMessage());

        Files.createDirectories(dir.resolve("empty"));
        HailctlException empty = assertThrows(HailctlException.class, () -> FolderSource.open(dir.resolve("empty"), "empty"));
        assertEquals("DIR = empty: has neither common-notebooks/ nor scripts/ (only these two folders are seeded)",
                empty.getMessage());
        assertEquals(ExitCode.USAGE, empty.exitCode());
    }

    @Test
    void theBundledContentMarksScriptsExecutable(@TempDir Path dir) throws Exception {
        Path root = dir.resolve("io/hailctl/bundle/jupyter");
        write(root, "common-notebooks/hail-plotting-example.ipynb", "{\"cells\": []}");
        write(root, "scripts/ssm", "#!/bin/bash\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            BundledSource src = new BundledSource(new Bundle(loader));
            List<SeedFile> files = src.files();
            assertEquals(List.of("common-notebooks/hail-plotting-example.ipynb", "scripts/ssm"),
                    files.stream().map(SeedFile::key).toList());
            assertFalse(files.get(0).executable());
            assertTrue(files.get(1).executable());
            assertEquals("0755", files.get(1).mode());
            assertEquals(SeedSource.PREFIXES, src.prefixes());
        }
    }

    @Test
    void theBucketIsTheS3StacksOutputAndAMissingStackSaysDeployS3First() {
        FakeStacks stacks = new FakeStacks();
        HailctlException e = assertThrows(HailctlException.class, () -> new SeedBucket(stacks).resolve("demo"));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("the jupyter bucket is not deployed yet (no stack demo-s3)", e.getMessage());
        assertEquals("Run hailctl deploy s3 first.", e.hint().orElseThrow());

        stacks.put("demo-s3", "CREATE_IN_PROGRESS", Map.of(), Map.of(), Map.of(), Instant.EPOCH);
        assertEquals("stack demo-s3 is CREATE_IN_PROGRESS, so the jupyter bucket cannot be used yet",
                assertThrows(HailctlException.class, () -> new SeedBucket(stacks).resolve("demo")).getMessage());

        stacks.put("demo-s3", "UPDATE_COMPLETE", Map.of(), Map.of("JupyterBucket", "demo-jupyter"), Map.of(), Instant.EPOCH);
        assertEquals("demo-jupyter", new SeedBucket(stacks).resolve("demo"));
    }
}
