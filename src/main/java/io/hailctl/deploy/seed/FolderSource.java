package io.hailctl.deploy.seed;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitOption;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Seed content from a folder laid out like the repository's {@code jupyter/}: {@code common-notebooks/}
 * and {@code scripts/}. Editor and OS litter (.ipynb_checkpoints, __pycache__, .DS_Store) is left out.
 */
public final class FolderSource implements SeedSource {
    private static final Set<String> SKIPPED_DIRS = Set.of(".ipynb_checkpoints", "__pycache__", ".git");
    private static final Set<String> SKIPPED_FILES = Set.of(".DS_Store", "Thumbs.db");

    private final Path root;
    private final List<String> prefixes;

    private FolderSource(Path root, List<String> prefixes) {
        this.root = root;
        this.prefixes = List.copyOf(prefixes);
    }

    /**
     * Checks the folder before anything talks to AWS: it exists, is a folder, and has at least one
     * of the seeded sub-folders. {@code shownAs} is how the user typed it.
     */
    public static FolderSource open(Path folder, String shownAs) {
        if (!Files.exists(folder)) {
            throw new HailctlException(ExitCode.USAGE, "DIR = " + shownAs + ": no such folder");
        }
        if (!Files.isDirectory(folder)) {
            throw new HailctlException(ExitCode.USAGE, "DIR = " + shownAs + ": not a folder");
        }
        List<String> found = new ArrayList<>();
        for (String prefix : PREFIXES) {
            if (Files.isDirectory(folder.resolve(prefix))) {
                found.add(prefix);
            }
        }
        if (found.isEmpty()) {
            throw new HailctlException(ExitCode.USAGE, "DIR = " + shownAs
                    + ": has neither common-notebooks/ nor scripts/ (only these two folders are seeded)",
                    "Point at a folder laid out like the repository's jupyter/ folder.");
        }
        return new FolderSource(folder.toAbsolutePath().normalize(), found);
    }

    @Override
    public String describe() {
        return "folder " + root;
    }

    @Override
    public List<String> prefixes() {
        return prefixes;
    }

    @Override
    public List<SeedFile> files() {
        List<SeedFile> out = new ArrayList<>();
        for (String prefix : prefixes) {
            Path base = root.resolve(prefix);
            try {
                Files.walkFileTree(base, EnumSet.of(FileVisitOption.FOLLOW_LINKS), Integer.MAX_VALUE,
                        new SimpleFileVisitor<>() {
                            @Override
                            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                                return SKIPPED_DIRS.contains(name(dir)) ? FileVisitResult.SKIP_SUBTREE
                                        : FileVisitResult.CONTINUE;
                            }

                            @Override
                            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                                if (attrs.isRegularFile() && !SKIPPED_FILES.contains(name(file))) {
                                    String key = prefix + base.relativize(file).toString().replace('\\', '/');
                                    boolean executable = prefix.equals("scripts/") || Files.isExecutable(file);
                                    out.add(new SeedFile(key, attrs.size(), executable, () -> Files.newInputStream(file)));
                                }
                                return FileVisitResult.CONTINUE;
                            }
                        });
            } catch (IOException e) {
                throw new HailctlException(ExitCode.USAGE, "cannot read " + base + ": " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new HailctlException(ExitCode.USAGE, "cannot read " + base + ": " + e.getCause().getMessage());
            }
        }
        out.sort(Comparator.comparing(SeedFile::key));
        return out;
    }

    private static String name(Path p) {
        Path n = p.getFileName();
        return n == null ? "" : n.toString();
    }
}
