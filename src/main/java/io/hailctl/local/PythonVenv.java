package io.hailctl.local;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A Python virtual environment that hailctl creates and owns, with pinned requirements. Installing
 * is skipped when the environment already holds exactly these pins (recorded in a marker file).
 */
public final class PythonVenv {
    private static final String MARKER = ".hailctl-requirements";

    private final Path dir;
    private final String python;

    public PythonVenv(Path dir, String python) {
        this.dir = dir;
        this.python = python;
    }

    public Path dir() {
        return dir;
    }

    public Path bin(String executable) {
        return dir.resolve("bin").resolve(executable);
    }

    public boolean satisfies(List<String> requirements) {
        try {
            return Files.isExecutable(bin("python"))
                    && Files.readString(dir.resolve(MARKER)).equals(String.join("\n", requirements));
        } catch (IOException e) {
            return false;
        }
    }

    /** Creates the environment and installs the requirements unless it already has them. */
    public void ensure(List<String> requirements, Consumer<String> log) {
        if (satisfies(requirements)) {
            return;
        }
        try {
            Files.createDirectories(dir.getParent());
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot create " + dir.getParent() + ": " + e.getMessage());
        }
        if (!Files.isExecutable(bin("python"))) {
            log.accept("Creating a Python virtual environment in " + dir);
            run(List.of(python, "-m", "venv", dir.toString()),
                    "Python 3 with the venv module is needed for the local emulator",
                    "Install python3 and python3-venv (Debian/Ubuntu: apt-get install python3-venv).");
        }
        log.accept("Installing " + String.join(" ", requirements) + " (once; takes a minute)");
        List<String> pip = new ArrayList<>(List.of(bin("python").toString(), "-m", "pip", "install",
                "--disable-pip-version-check", "--quiet"));
        pip.addAll(requirements);
        run(pip, "pip could not install " + String.join(" ", requirements),
                "Check network access to PyPI (proxy: HTTPS_PROXY, index: PIP_INDEX_URL).");
        try {
            Files.writeString(dir.resolve(MARKER), String.join("\n", requirements), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, "Cannot write " + dir.resolve(MARKER) + ": " + e.getMessage());
        }
    }

    private static void run(List<String> command, String failure, String hint) {
        Path log;
        try {
            log = Files.createTempFile("hailctl-venv", ".log");
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, failure + ": " + e.getMessage(), hint);
        }
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            int rc = p.waitFor();
            if (rc != 0) {
                throw new HailctlException(ExitCode.FAILED, failure + " (exit " + rc + "): " + lastLine(log), hint);
            }
        } catch (IOException e) {
            throw new HailctlException(ExitCode.FAILED, failure + ": cannot run " + command.get(0) + " (" + e.getMessage() + ")", hint);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HailctlException(ExitCode.INTERRUPTED, "Interrupted while running " + command.get(0));
        } finally {
            try {
                Files.deleteIfExists(log);
            } catch (IOException ignored) {
                // a temp file left behind is harmless
            }
        }
    }

    private static String lastLine(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            for (int i = lines.size() - 1; i >= 0; i--) {
                if (!lines.get(i).isBlank()) {
                    return lines.get(i).trim();
                }
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "no output";
    }
}
