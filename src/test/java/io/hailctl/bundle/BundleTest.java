package io.hailctl.bundle;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BundleTest {
    @Test
    void listsAFolderInsideAJarAsItsFilesRelativeToItSortedWithoutDirectoriesOrNeighbours(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("hailctl.jar");
        try (OutputStream file = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(file)) {
            for (String name : List.of("io/hailctl/bundle/", "io/hailctl/bundle/jupyter/", "io/hailctl/bundle/jupyter/z.txt",
                    "io/hailctl/bundle/jupyter/sub/", "io/hailctl/bundle/jupyter/sub/a.ipynb", "io/hailctl/bundle/jupyter/b.md",
                    "io/hailctl/bundle/jupyter-other/c.txt", "io/hailctl/bundle/packer/", "io/hailctl/bundle/packer/buildspec.yml", "jupyter/d.txt")) {
                zip.putNextEntry(new ZipEntry(name));
                if (!name.endsWith("/")) {
                    zip.write(name.getBytes(StandardCharsets.UTF_8));
                }
                zip.closeEntry();
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            Bundle bundle = new Bundle(loader);
            assertEquals(List.of("b.md", "sub/a.ipynb", "z.txt"), bundle.list("jupyter"));
            assertEquals(List.of("buildspec.yml"), bundle.list("packer"));
            assertEquals(List.of(), bundle.list("cloudformation"));
            assertEquals("io/hailctl/bundle/jupyter/sub/a.ipynb", bundle.text("jupyter/sub/a.ipynb"));
        }
    }

    @Test
    void listsTheSameFolderFromAClassesDirectory() {
        List<String> packer = new Bundle().list("packer");
        assertEquals(true, packer.contains("buildspec.yml"), packer.toString());
        assertEquals(packer.stream().sorted().toList(), packer);
    }
}
