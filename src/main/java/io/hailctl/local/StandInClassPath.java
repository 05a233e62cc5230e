package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The class path the long-lived stand-in runs from. A JVM loads classes lazily from its jar, so a jar
 * rebuilt or upgraded in place while the emulator runs (the launcher rebuilds a checkout's jar when its
 * sources change) broke the stand-in at its next request that needed a class not loaded yet
 * (NoClassDefFoundError; hailctl saw "Unexpected end of file from server" after its retries). So when
 * hailctl runs from one jar, the stand-in runs from a private copy of it in the emulator's folder, put
 * there by rename so a copy still open elsewhere is never rewritten. A class path of several entries
 * (the tests' {@code target/classes}) is used as it is.
 */
public final class StandInClassPath {
    static final String COPY = "stand-in.jar";

    private StandInClassPath() {
    }

    /** The class path to start the stand-in with, given this JVM's, copying its jar into {@code folder}. */
    public static String of(String classPath, Path folder) {
        if (classPath.contains(File.pathSeparator) || !classPath.endsWith(".jar")) {
            return classPath;
        }
        Path jar = Path.of(classPath);
        if (!Files.isRegularFile(jar)) {
            return classPath;
        }
        Path copy = folder.resolve(COPY);
        try {
            Files.createDirectories(folder);
            Path partial = Files.createTempFile(folder, COPY, ".partial");
            try {
                Files.copy(jar, partial, StandardCopyOption.REPLACE_EXISTING);
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot copy " + jar + " to " + copy
                    + " for the emulator's stand-in: " + e.getMessage());
        }
        return copy.toAbsolutePath().toString();
    }
}
