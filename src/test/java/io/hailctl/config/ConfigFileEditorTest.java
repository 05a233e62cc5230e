package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFileEditorTest {
    private static final String HEAD = """
            # Our genomics environment.
            environment: dev   # do not rename
            network:
                vpcId: default
                subnetId: default
            buckets:
                hail: team-dev-hail
                logs: team-dev-logs
                jupyter: team-dev-jupyter
            """;

    @TempDir
    Path dir;

    private final ConfigFileEditor editor = new ConfigFileEditor();
    private final ConfigLoader loader = new ConfigLoader(new Precedence(Map.of()));

    private Path file(String text) throws IOException {
        Path file = dir.resolve("hailctl.yaml");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private List<UserSpec> users(Path file) {
        return loader.load(file, Overrides.none()).users();
    }

    private FileChange add(Path file, String name) {
        return editor.addUser(file, name, Optional.empty(), OptionalInt.empty());
    }

    @Test
    void appendsBelowTheLastUserKeepingCommentsOrderAndIndentation() throws IOException {
        Path file = file(HEAD + """
                users:
                    # the first user
                    -   name: alice   # PI
                        ssm: true
                    - name: bob
                # users end here
                emr:
                    coreCount: 3
                """);

        assertEquals(FileChange.CHANGED, editor.addUser(file, "carol", Optional.of("ml.t3.large"), OptionalInt.of(50)));

        assertEquals(HEAD + """
                users:
                    # the first user
                    -   name: alice   # PI
                        ssm: true
                    - name: bob
                    -   name: carol
                        instanceType: ml.t3.large
                        volumeSizeGb: 50
                # users end here
                emr:
                    coreCount: 3
                """, Files.readString(file));
        assertEquals(List.of(new UserSpec("alice", "ml.t3.medium", 20, true),
                new UserSpec("bob", "ml.t3.medium", 20, false),
                new UserSpec("carol", "ml.t3.large", 50, false)), users(file));
    }

    @Test
    void followsAnIndentlessList() throws IOException {
        Path file = file(HEAD + "users:\n- name: alice\ntags:\n  team: x\n");

        add(file, "bob");

        assertEquals(HEAD + "users:\n- name: alice\n- name: bob\ntags:\n  team: x\n", Files.readString(file));
    }

    @Test
    void createsTheUsersKeyAtTheEndWithTheFilesIndentation() throws IOException {
        Path file = file(HEAD + "# the end, no newline after this comment");

        add(file, "alice");

        assertEquals(HEAD + "# the end, no newline after this comment\nusers:\n    - name: alice\n",
                Files.readString(file));
        assertEquals(List.of("alice"), users(file).stream().map(UserSpec::name).toList());
    }

    @Test
    void fillsAnEmptyFlowListOrAnEmptyValue() throws IOException {
        Path flow = file(HEAD + "users: []   # add people here\nemr:\n    coreCount: 3\n");
        add(flow, "alice");
        assertEquals(HEAD + "users:   # add people here\n    - name: alice\nemr:\n    coreCount: 3\n",
                Files.readString(flow));

        Path empty = file(HEAD + "users:\n# - name: example\nemr:\n    coreCount: 3\n");
        add(empty, "alice");
        assertEquals(HEAD + "users:\n    - name: alice\n# - name: example\nemr:\n    coreCount: 3\n",
                Files.readString(empty));

        Path tilde = file(HEAD + "users: ~\n");
        add(tilde, "alice");
        assertEquals(HEAD + "users:\n    - name: alice\n", Files.readString(tilde));
    }

    @Test
    void theStarterFileTakesUsers() throws IOException {
        Path file = file(StarterConfig.placeholder().text());

        add(file, "alice");
        add(file, "bob");

        String text = Files.readString(file);
        assertEquals(true, text.contains("\nusers:\n  - name: alice\n  - name: bob\n#   - name: alice\n"), text);
        assertEquals(List.of("alice", "bob"), users(file).stream().map(UserSpec::name).toList());
    }

    @Test
    void addingAnExistingUserChangesNothing() throws IOException {
        String text = HEAD + "users:\n  - name: alice\n";
        Path file = file(text);
        FileTime before = FileTime.fromMillis(1_000_000_000L);
        Files.setLastModifiedTime(file, before);

        assertEquals(FileChange.UNCHANGED, editor.addUser(file, "alice", Optional.of("ml.t3.xlarge"), OptionalInt.of(9)));

        assertEquals(text, Files.readString(file));
        assertEquals(before, Files.getLastModifiedTime(file), "not rewritten");
    }

    @Test
    void aNonEmptyFlowListIsRefusedWithAClearMessage() throws IOException {
        String text = HEAD + "users: [{name: alice}]\n";
        Path file = file(text);

        HailctlException e = assertThrows(HailctlException.class, () -> add(file, "bob"));

        assertEquals(file + ":10: users is written in flow style ([...]); hailctl only edits a block list"
                + " (\"- name: alice\" lines): rewrite it that way and run again", e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
        assertEquals(text, Files.readString(file));
        assertEquals(FileChange.UNCHANGED, add(file, "alice"), "nothing to do needs no edit");
    }

    @Test
    void aUsersValueThatIsNotAListIsRefused() throws IOException {
        Path file = file(HEAD + "users: alice\n");

        assertEquals(file + ":10: users: expected a list (lines starting with \"- \"); fix it before adding or"
                + " removing users", assertThrows(HailctlException.class, () -> add(file, "bob")).getMessage());
    }

    @Test
    void badInputsAreRefusedAndNothingIsWritten() throws IOException {
        String text = HEAD;
        Path file = file(text);

        assertEquals("user name \"Bob\": user names use lowercase letters, digits and single hyphens, start with a"
                + " letter and end with a letter or digit", assertThrows(HailctlException.class,
                        () -> add(file, "Bob")).getMessage());
        assertEquals("user name \"scripts\": \"scripts\" is reserved: the buckets use it as a shared top-level"
                + " folder", assertThrows(HailctlException.class, () -> add(file, "scripts")).getMessage());
        assertEquals("instance type \"t3.large\": expected a SageMaker notebook instance type like ml.t3.medium",
                assertThrows(HailctlException.class, () -> editor.addUser(file, "alice", Optional.of("t3.large"),
                        OptionalInt.empty())).getMessage());
        assertEquals("volume size 4: expected 5 to 16384 (GB)", assertThrows(HailctlException.class,
                () -> editor.addUser(file, "alice", Optional.empty(), OptionalInt.of(4))).getMessage());
        assertEquals(text, Files.readString(file));
    }

    @Test
    void namesYamlWouldReadAsOtherTypesAreQuoted() throws IOException {
        Path file = file(HEAD);

        add(file, "null");
        add(file, "yes");

        assertEquals(HEAD + "users:\n    - name: \"null\"\n    - name: \"yes\"\n", Files.readString(file));
        assertEquals(List.of("null", "yes"), users(file).stream().map(UserSpec::name).toList());
    }

    @Test
    void removesOnlyThatUsersLines() throws IOException {
        Path file = file(HEAD + """
                users:
                  - name: alice
                  # bob joined in March
                  - name: bob
                    instanceType: ml.t3.large   # needs more memory
                    volumeSizeGb: 50
                  - name: carol
                emr:
                  coreCount: 3
                """);

        assertEquals(FileChange.CHANGED, editor.removeUser(file, "bob"));

        assertEquals(HEAD + """
                users:
                  - name: alice
                  # bob joined in March
                  - name: carol
                emr:
                  coreCount: 3
                """, Files.readString(file));
        editor.removeUser(file, "alice");
        assertEquals(HEAD + "users:\n  # bob joined in March\n  - name: carol\nemr:\n  coreCount: 3\n",
                Files.readString(file));
        editor.removeUser(file, "carol");
        assertEquals(HEAD + "users:\n  # bob joined in March\nemr:\n  coreCount: 3\n", Files.readString(file));
        assertEquals(List.of(), users(file));
    }

    @Test
    void removesAnEntryWhoseDashIsOnItsOwnLine() throws IOException {
        Path file = file(HEAD + "users:\n  - name: alice\n  -\n    name: bob\n  - name: carol\n");

        editor.removeUser(file, "bob");

        assertEquals(HEAD + "users:\n  - name: alice\n  - name: carol\n", Files.readString(file));
    }

    @Test
    void removingAnAbsentUserChangesNothing() throws IOException {
        String text = HEAD + "users:\n  - name: alice\n";
        Path file = file(text);

        assertEquals(FileChange.UNCHANGED, editor.removeUser(file, "bob"));
        assertEquals(FileChange.UNCHANGED, editor.removeUser(file(HEAD), "bob"));
        assertEquals(text, Files.readString(file(text)));
    }

    @Test
    void keepsWindowsLineEndingsAndAByteOrderMark() throws IOException {
        String text = "\uFEFF" + (HEAD + "users:\n  - name: alice\n").replace("\n", "\r\n");
        Path file = file(text);

        add(file, "bob");

        assertEquals("\uFEFF" + (HEAD + "users:\n  - name: alice\n  - name: bob\n").replace("\n", "\r\n"),
                Files.readString(file));
        editor.removeUser(file, "alice");
        assertEquals("\uFEFF" + (HEAD + "users:\n  - name: bob\n").replace("\n", "\r\n"), Files.readString(file));
    }

    @Test
    void keepsPermissionsAndSymlinksAndLeavesNoTemporaryFiles() throws IOException {
        Path real = dir.resolve("real.yaml");
        Files.writeString(real, HEAD);
        Files.setPosixFilePermissions(real, PosixFilePermissions.fromString("rw-r-----"));
        Path link = Files.createSymbolicLink(dir.resolve("hailctl.yaml"), real);

        add(link, "alice");

        assertEquals(true, Files.isSymbolicLink(link));
        assertEquals(HEAD + "users:\n    - name: alice\n", Files.readString(real));
        assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(real)));
        try (var files = Files.list(dir)) {
            assertEquals(List.of("hailctl.yaml", "real.yaml"), files.map(p -> p.getFileName().toString()).sorted()
                    .toList());
        }
    }

    @Test
    void parallelAdditionsAreAllKept() throws Exception {
        Path file = file(HEAD + "users:\n  - name: alice\n");
        List<String> names = IntStream.range(0, 12).mapToObj(i -> "user" + i).toList();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<FileChange>> results = new ArrayList<>();
            names.forEach(n -> results.add(pool.submit(() -> add(file, n))));
            for (Future<FileChange> f : results) {
                assertEquals(FileChange.CHANGED, f.get());
            }
        } finally {
            pool.shutdown();
        }

        List<String> written = users(file).stream().map(UserSpec::name).toList();
        assertEquals(13, written.size());
        assertEquals(true, written.containsAll(names), written::toString);
    }

    @Test
    void aMissingFileIsTheUsualOneLine() {
        Path file = dir.resolve("nope.yaml");

        assertEquals("hailctl.yaml not found at " + file.toAbsolutePath()
                        + ": run 'hailctl init' to create one, or pass --config FILE",
                assertThrows(HailctlException.class, () -> add(file, "alice")).getMessage());
    }

    @Test
    void theUserNameLengthRuleUsesTheFilesEnvironment() throws IOException {
        Path file = file(HEAD);
        String longest = "a".repeat(UserNames.MAX_LENGTH);

        add(file, longest);

        assertEquals(List.of(longest), users(file).stream().map(UserSpec::name).toList());
    }

    @Test
    void anEditThatWouldChangeAnythingElseIsRefused() throws IOException {
        // Appending after a document-end marker would start a second document.
        String ended = HEAD + "...\n";
        Path file = file(ended);
        assertEquals(file + ": cannot edit the users list safely (unusual layout); edit it by hand",
                assertThrows(HailctlException.class, () -> add(file, "alice")).getMessage());
        assertEquals(ended, Files.readString(file));

        // The list is shared through an alias: editing it would change 'admins' too.
        String aliased = HEAD + "users: &everyone\n  - name: alice\nadmins: *everyone\n";
        Path shared = file(aliased);
        assertEquals(shared + ": cannot edit the users list safely (unusual layout); edit it by hand",
                assertThrows(HailctlException.class, () -> add(shared, "bob")).getMessage());
        assertEquals(aliased, Files.readString(shared));
    }
}
