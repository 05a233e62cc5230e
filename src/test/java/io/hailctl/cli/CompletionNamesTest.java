package io.hailctl.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** `hailctl __complete cluster-names [--config FILE]`: which file, and what it prints. */
class CompletionNamesTest {
    @TempDir
    Path dir;

    private String names(Map<String, String> env, String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CompletionNames.print(List.of(args), env, dir, new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theFlagWinsOverTheVariableWhichWinsOverTheWorkingDirectorysFile() throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), "clusters:\n  - name: here\n  - name: there\n");
        Files.writeString(dir.resolve("from-env.yaml"), "emr:\n  name: env\n");
        Files.writeString(dir.resolve("flag.yaml"), "clusters:\n  - name: flagged\n");
        assertEquals("here\nthere\n", names(Map.of(), "cluster-names"));
        assertEquals("env\n", names(Map.of("HAILCTL_CONFIG", "from-env.yaml"), "cluster-names"));
        assertEquals("flagged\n", names(Map.of("HAILCTL_CONFIG", "from-env.yaml"), "cluster-names", "--config", "flag.yaml"));
        assertEquals("flagged\n", names(Map.of(), "cluster-names", "--config=" + dir.resolve("flag.yaml")));
    }

    @Test
    void nothingForAMissingFileOrAnUnknownQuestion() {
        assertEquals("", names(Map.of(), "cluster-names"));
        assertEquals("", names(Map.of(), "users"));
        assertEquals("", names(Map.of()));
    }
}
