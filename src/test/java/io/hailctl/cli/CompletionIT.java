package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The script `hailctl completion bash` prints, sourced in a real bash: TAB is simulated by setting
 * COMP_WORDS/COMP_CWORD/COMP_LINE and calling the function `complete -p hailctl` names, with the real
 * hailctl (the shaded jar) on PATH answering `__complete cluster-names`.
 */
class CompletionIT {
    @TempDir
    Path dir;

    @Test
    void tabOffersTheConfigsClusterNamesWhereANameIsExpectedAndPicocliCompletesTheRest() throws Exception {
        Path script = dir.resolve("hailctl-completion.bash");
        CliRun.Result generated = new CliRun().workingDir(dir).run("completion", "bash");
        assertEquals(0, generated.exitCode(), generated.toString());
        Files.writeString(script, generated.out());
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path jar = Path.of(System.getProperty("hailctl.project.dir", ".")).toAbsolutePath().resolve("target/hailctl-all.jar");
        assertTrue(Files.isRegularFile(jar), jar + " is built by package, before the integration tests");
        Path hailctl = bin.resolve("hailctl");
        Files.writeString(hailctl, "#!/bin/sh\nexec '" + Path.of(System.getProperty("java.home"), "bin", "java")
                + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Xlog:disable -Xshare:auto -jar '" + jar + "' \"$@\"\n");
        assertTrue(hailctl.toFile().setExecutable(true));

        Path work = Files.createDirectories(dir.resolve("work"));
        Files.writeString(work.resolve("hailctl.yaml"), """
                environment: demo
                clusters:
                  - name: hail
                  - name: big
                  - name: qc
                """);
        Files.writeString(work.resolve("legacy.yaml"), "environment: old\nemr:\n  name: legacy\n  coreCount: 2\n");

        Map<String, List<String>> tab = tab(script, bin, work, List.of(
                "hailctl cluster stop ",
                "hailctl cluster stop b",
                "hailctl cluster modify --workers 5 ",
                "hailctl --config legacy.yaml cluster describe ",
                "hailctl cluster logs --config=legacy.yaml ",
                "hailctl deploy emr hail ",
                "hailctl cluster submit qc ",
                "hailctl cluster st",
                "hailctl cluster stop --y"));
        assertEquals(List.of("big", "hail", "qc"), sorted(tab.get("hailctl cluster stop ")));
        assertEquals(List.of("big"), tab.get("hailctl cluster stop b"));
        assertEquals(List.of("big", "hail", "qc"), sorted(tab.get("hailctl cluster modify --workers 5 ")),
                "an option's value is not the NAME");
        assertEquals(List.of("legacy"), tab.get("hailctl --config legacy.yaml cluster describe "));
        assertEquals(List.of("legacy"), tab.get("hailctl cluster logs --config=legacy.yaml "));
        assertEquals(List.of("big", "hail", "qc"), sorted(tab.get("hailctl deploy emr hail ")), "deploy emr takes several");
        assertFalse(tab.get("hailctl cluster submit qc ").contains("big"), "SCRIPT.py is not a cluster name: " + tab);
        assertEquals(List.of("start", "stop"), sorted(tab.get("hailctl cluster st")), "picocli completes the verbs");
        assertEquals(List.of("--yes"), tab.get("hailctl cluster stop --y"), "and the options");
    }

    private static List<String> sorted(List<String> words) {
        return words.stream().sorted().toList();
    }

    /**
     * Each line's completions (COMPREPLY) in a fresh bash that sourced the script, the cursor at the
     * line's end; each __complete call's duration is printed for the report, not asserted.
     */
    private Map<String, List<String>> tab(Path script, Path bin, Path work, List<String> lines) throws Exception {
        StringBuilder sh = new StringBuilder("set -u\nsource '" + script + "'\n# compopt works only while bash completes for real; here it would only complain.\ncompopt() { :; }\nfn=$(complete -p hailctl | sed -E 's/.* -F ([^ ]+) .*/\\1/')\n");
        for (String line : lines) {
            List<String> words = new ArrayList<>(Arrays.asList(line.split(" ", -1)));
            sh.append("COMP_LINE='").append(line).append("'; COMP_POINT=${#COMP_LINE}; COMP_WORDS=(");
            words.forEach(w -> sh.append("'").append(w).append("' "));
            sh.append("); COMP_CWORD=").append(words.size() - 1).append("; COMPREPLY=()\n")
                    .append("start=$EPOCHREALTIME; \"$fn\" hailctl \"${COMP_WORDS[COMP_CWORD]}\" \"${COMP_WORDS[COMP_CWORD-1]}\"\n")
                    .append("echo \"took $(( (${EPOCHREALTIME/./} - ${start/./}) / 1000 )) ms: ").append(line).append("\" >&2\n")
                    .append("printf '%s\\n' \"== ").append(line).append("\" \"${COMPREPLY[@]}\"\n");
        }
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", sh.toString()).directory(work.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().keySet().removeIf(k -> k.startsWith("HAILCTL_"));
        pb.redirectErrorStream(false);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out + err);
        System.out.print(err);
        Map<String, List<String>> result = new LinkedHashMap<>();
        List<String> current = null;
        for (String l : out.split("\n")) {
            if (l.startsWith("== ")) {
                current = new ArrayList<>();
                result.put(l.substring(3), current);
            } else if (current != null && !l.isEmpty()) {
                current.add(l.trim());
            }
        }
        assertEquals(lines, List.copyOf(result.keySet()), out + err);
        return result;
    }
}
