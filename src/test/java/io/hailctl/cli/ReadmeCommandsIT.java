package io.hailctl.cli;

import io.hailctl.testing.CliRun;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every hailctl command README.md shows — in its fenced blocks and its inline code — runs under
 * `--local`, in README order, as a reader copying them would run them: in a fresh folder holding the
 * examples and examples/local.yaml as hailctl.yaml, against a local emulator started by `--local`
 * itself in this test's cache folder (the emulator's environment is seeded from the test tools' moto,
 * which has the same pin, so nothing is downloaded). Commands that take things away (`destroy`,
 * `local down`) run last. A command the README gains is run, or must be added to {@link #NOT_RUN}
 * with the reason; an entry there the README no longer has fails the test too.
 */
class ReadmeCommandsIT {
    /** README commands not run here, and why. */
    private static final Map<String, String> NOT_RUN = Map.ofEntries(
            Map.entry("./mvnw verify", "the test suite itself"),
            Map.entry("./mvnw test", "the unit tests (run by the same build)"),
            Map.entry("./mvnw -DskipTests package", "packaging, checked by the build"),
            Map.entry("tar -xzf target/hailctl-*.tar.gz -C ~/.local/opt", "installing; not a hailctl command"),
            Map.entry("ln -s ~/.local/opt/hailctl-*/bin/hailctl ~/.local/bin/hailctl-emr", "installing; not a hailctl command"),
            Map.entry("hailctl dataproc …", "Hail's own Python hailctl, not this tool"),
            Map.entry("hailctl hdinsight …", "Hail's own Python hailctl, not this tool"),
            Map.entry("hailctl deploy s3 | network | jupyter [USER…] | ami | emr [CLUSTER…]", "syntax summary, not a command"),
            Map.entry("hailctl dataproc", "Hail's own Python hailctl, not this tool"),
            Map.entry("hailctl cluster start", "the verb named in the configuration table; the full commands are run"),
            Map.entry("hailctl cluster logs scratch s-2AB3CD4EF5GH6 [--stderr]",
                    "an example step id (ClusterIT fetches a real step's logs)"),
            Map.entry("hailctl cluster connect scratch",
                    "an interactive SSM session to the master: needs the Session Manager plugin and a real instance"),
            Map.entry("hailctl seed [DIR] [--delete] [--dry-run]", "syntax summary, not a command"));

    /**
     * Commands that remove what the others use, and the time-true start that needs a stopped
     * emulator (its timings are fixed when it starts): run after all the rest, in this order.
     */
    private static final List<String> LAST = List.of("hailctl destroy", "hailctl local down",
            "hailctl local up --timings aws --time-scale 0.01", "hailctl local status");

    private static final Pattern FENCE = Pattern.compile("(?ms)^```bash\\n(.*?)^```");
    private static final Pattern INLINE = Pattern.compile("`((?:\\./)?hailctl (?:[^`]*))`");

    @TempDir
    Path tmp;

    @Test
    void everyCommandInTheReadmeRunsUnderLocal() throws IOException {
        List<String> commands = readmeCommands(Files.readString(TestTools.projectDir().resolve("README.md")));
        Set<String> notRunSeen = new LinkedHashSet<>();
        List<String> toRun = new ArrayList<>();
        for (String c : commands) {
            if (NOT_RUN.containsKey(c)) {
                notRunSeen.add(c);
            } else if (!c.startsWith("hailctl ")) {
                throw new AssertionError("README shows `" + c + "`: not a hailctl command; list it in NOT_RUN with the reason");
            } else {
                toRun.addAll(expand(c));
            }
        }
        assertEquals(NOT_RUN.keySet(), notRunSeen, "NOT_RUN lists exactly the README commands not run");
        List<String> ordered = new ArrayList<>(new LinkedHashSet<>(toRun));
        for (String last : LAST) {
            assertTrue(ordered.remove(last), "README shows " + last);
            ordered.add(last);
        }

        Path work = folderWithExamples();
        CliRun cli = new CliRun().env("HAILCTL_CACHE_DIR", seededCache().toString()).home(tmp).workingDir(work);
        Map<String, CliRun.Result> failed = new LinkedHashMap<>();
        try {
            for (String command : ordered) {
                CliRun at = command.equals("hailctl init") ? cli.workingDir(Files.createDirectories(tmp.resolve("init")))
                        : cli.workingDir(work);
                CliRun.Result r = at.run(arguments(command));
                if (r.exitCode() != 0) {
                    failed.put(command, r);
                }
            }
        } finally {
            cli.run("local", "down");
        }
        assertEquals(Map.of(), failed, "every README command exits 0 under --local");
        assertTrue(Files.readString(work.resolve("hailctl.yaml")).contains("carol"), "add-user carol recorded carol");
        assertTrue(Files.exists(tmp.resolve("init/hailctl.yaml")), "init wrote a starter hailctl.yaml");
    }

    /** The commands of the fenced bash blocks and of inline code, in the order the README shows them. */
    static List<String> readmeCommands(String readme) {
        Map<Integer, String> byPosition = new java.util.TreeMap<>();
        Matcher fence = FENCE.matcher(readme);
        while (fence.find()) {
            int at = fence.start(1);
            for (String line : fence.group(1).split("\n")) {
                String command = line.replaceFirst("\\s+#.*$", "").strip();
                if (!command.isEmpty() && !command.startsWith("#")) {
                    byPosition.put(at, command.startsWith("./hailctl ") ? command.substring(2) : command);
                }
                at += line.length() + 1;
            }
        }
        Matcher inline = INLINE.matcher(readme);
        while (inline.find()) {
            if (!insideFence(readme, inline.start())) {
                String command = inline.group(1).strip();
                byPosition.put(inline.start(), command.startsWith("./") ? command.substring(2) : command);
            }
        }
        return List.copyOf(byPosition.values());
    }

    private static boolean insideFence(String readme, int position) {
        Matcher fence = FENCE.matcher(readme);
        while (fence.find()) {
            if (fence.start() <= position && position < fence.end()) {
                return true;
            }
        }
        return false;
    }

    /** {@code hailctl local up|down|status}: one command per alternative. */
    private static List<String> expand(String command) {
        String[] words = command.split(" ");
        for (int i = 0; i < words.length; i++) {
            if (words[i].contains("|")) {
                List<String> out = new ArrayList<>();
                for (String alternative : words[i].split("\\|")) {
                    String[] one = words.clone();
                    one[i] = alternative;
                    out.add(String.join(" ", one));
                }
                return out;
            }
        }
        return List.of(command);
    }

    /** The words after `hailctl`, under --local and --yes (no one answers questions here). */
    private static String[] arguments(String command) {
        List<String> args = new ArrayList<>(List.of(command.substring("hailctl ".length()).split(" +")));
        if (!args.contains("--local")) {
            args.add(0, "--local");
        }
        args.add(0, "--yes");
        return args.toArray(String[]::new);
    }

    private Path folderWithExamples() throws IOException {
        Path work = Files.createDirectories(tmp.resolve("work"));
        Path examples = Files.createDirectories(work.resolve("examples"));
        try (var files = Files.list(TestTools.projectDir().resolve("examples"))) {
            for (Path f : files.toList()) {
                Files.copy(f, examples.resolve(f.getFileName()));
            }
        }
        Files.copy(examples.resolve("local.yaml"), work.resolve("hailctl.yaml"));
        // The scripts the README's `cluster submit` lines name.
        Files.writeString(work.resolve("qc.py"), "import sys\nprint('qc of', ' '.join(sys.argv[1:]))\n");
        Files.writeString(work.resolve("helpers.py"), "HELPER = True\n");
        Files.writeString(work.resolve("long.py"), "print('a long analysis')\n");
        return work;
    }

    /**
     * A cache folder whose emulator environment is the test tools' moto (the same pin as
     * LocalEmulator's), marked as installed: `--local` starts and stops its own server from it.
     */
    private Path seededCache() throws IOException {
        Path cache = tmp.resolve("cache");
        Path venv = Files.createDirectories(cache.resolve("emulator/venv/bin"));
        Files.createSymbolicLink(venv.resolve("python"), TestTools.venvBin("python"));
        Files.createSymbolicLink(venv.resolve("moto_server"), TestTools.venvBin("moto_server"));
        Files.writeString(venv.getParent().resolve(".hailctl-requirements"), io.hailctl.local.LocalEmulator.MOTO_REQUIREMENT);
        return cache;
    }
}
