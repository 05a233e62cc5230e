package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
    private static final Path RESOURCES = Path.of("src/test/resources/config");

    private final ConfigLoader loader = new ConfigLoader(new Precedence(Map.of()));

    @Test
    void readsEveryFieldOfAFullFile() {
        HailctlConfig config = loader.load(RESOURCES.resolve("full.yaml"), Overrides.none());

        assertEquals(new HailctlConfig(
                "genomics-prod",
                Optional.of("eu-west-1"),
                Optional.of("genomics"),
                new Network("vpc-0123456789abcdef0", "subnet-89abcdef"),
                new Buckets("acme-hail", "acme-logs", "acme-jupyter"),
                new NotebookDefaults("ml.t3.large", 50, "notebook-al2-v2", true),
                List.of(new UserSpec("alice", "ml.t3.large", 50, true),
                        new UserSpec("bob", "ml.m5.xlarge", 100, false)),
                Optional.of(new EfsSpec("fs-0123456789abcdef0")),
                new AmiSpec(new AmiSource.Explicit("ami-0123456789abcdef0"), "0.2.131", "116"),
                List.of(new EmrSpec("big", "emr-7.1.0", "m7g.2xlarge", "r5.4xlarge", 4, "i4i.large", 1, 10, Market.SPOT,
                        Scaling.RULES, 0, true)),
                Map.of("team", "genomics", "cost-center", "4711"),
                true), config);
        assertEquals(List.of("team", "cost-center"), List.copyOf(config.tags().keySet()), "file order kept");
        assertEquals(Optional.of(new UserSpec("bob", "ml.m5.xlarge", 100, false)), config.user("bob"));
        assertEquals(Optional.empty(), config.user("carol"));
        assertEquals(List.of("alice", "bob"), config.userNames());
    }

    @Test
    void appliesEveryDefaultToAMinimalFile() {
        HailctlConfig config = loader.load(RESOURCES.resolve("minimal.yaml"), Overrides.none());

        assertEquals(new HailctlConfig("dev", Optional.empty(), Optional.empty(), new Network("default", "default"),
                new Buckets("team-dev-hail", "team-dev-logs", "team-dev-jupyter"), NotebookDefaults.DEFAULTS,
                List.of(), Optional.empty(), AmiSpec.DEFAULTS, List.of(EmrSpec.DEFAULTS), Map.of(), false), config);
        assertEquals(new NotebookDefaults("ml.t3.medium", 20, "notebook-al2-v3", false), config.notebooks());
        assertEquals(new AmiSpec(new AmiSource.DefaultAmi(), "0.2.139", "none"), config.ami());
        assertEquals(new EmrSpec("hail", "emr-7.12.0", "m5.xlarge", "r5.xlarge", 2, "r5.xlarge", 0, 0,
                Market.ON_DEMAND, Scaling.MANAGED, 60, false), config.clusters().get(0));
        assertEquals(true, config.network().usesDefaultVpc());
    }

    @Test
    void usersInheritNotebookDefaultsAndEmrSsm() {
        HailctlConfig config = loader.parse("""
                environment: dev
                network: {vpcId: default, subnetId: default}
                buckets: {hail: a-hail, logs: a-logs, jupyter: a-jupyter}
                notebooks: {instanceType: ml.t3.xlarge, volumeSizeGb: 30}
                emr: {ssm: true}
                users:
                  - name: alice
                  - {name: bob, ssm: false, volumeSizeGb: 8}
                """, "hailctl.yaml", Overrides.none());

        assertEquals(List.of(new UserSpec("alice", "ml.t3.xlarge", 30, true),
                new UserSpec("bob", "ml.t3.xlarge", 8, false)), config.users());
    }

    @Test
    void aMissingFileIsOneLineThatSaysWhatToDo(@TempDir Path dir) {
        Path file = dir.resolve("hailctl.yaml");

        HailctlException e = assertThrows(HailctlException.class, () -> loader.load(file, Overrides.none()));

        assertEquals("hailctl.yaml not found at " + file.toAbsolutePath()
                + ": run 'hailctl init' to create one, or pass --config FILE", e.getMessage());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        HailctlException e = assertThrows(HailctlException.class, () -> loader.load(dir, Overrides.none()));

        assertEquals(dir.toAbsolutePath() + " is a directory, not a hailctl.yaml file", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hailctl.yaml");
        Files.write(file, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});

        HailctlException e = assertThrows(HailctlException.class, () -> loader.load(file, Overrides.none()));

        assertEquals(file + " is not UTF-8 text", e.getMessage());
    }

    @Test
    void aByteOrderMarkIsIgnored(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("hailctl.yaml");
        Files.writeString(file, "\uFEFF" + Files.readString(RESOURCES.resolve("minimal.yaml")), StandardCharsets.UTF_8);

        assertEquals("dev", loader.load(file, Overrides.none()).environment());
    }

    @Test
    void syntaxErrorsAreOneLineWithLineAndColumn() {
        assertEquals("hailctl.yaml:2:11: YAML syntax error: mapping values are not allowed here",
                syntaxError("network:\n  vpcId: a: b\n"));
        assertEquals("hailctl.yaml:2:2: YAML syntax error: expected ',' or ']', but got : "
                + "(while parsing a flow sequence at 1:8)", syntaxError("users: [a\nb: c\n"));
        assertEquals("hailctl.yaml:3:1: YAML syntax error: but found another document "
                + "(expected a single document in the stream at 1:1)", syntaxError("a: 1\n\n---\nb: 2\n"));
        assertEquals("hailctl.yaml:2:1: YAML syntax error: found character '\\t(TAB)' that cannot start any token."
                + " (Do not use \\t(TAB) for indentation) (while scanning for the next token)", syntaxError("environment: dev\n\tregion: x\n"));
    }

    private String syntaxError(String yaml) {
        HailctlException e = assertThrows(HailctlException.class,
                () -> loader.parse(yaml, "hailctl.yaml", Overrides.none()));
        assertEquals(ExitCode.USAGE, e.exitCode());
        return e.getMessage();
    }

    @Test
    void anEmptyFileIsOneLinePointingAtInit() {
        HailctlException e = assertThrows(HailctlException.class,
                () -> loader.parse("# nothing yet\n", "hailctl.yaml", Overrides.none()));

        assertEquals(List.of("hailctl.yaml: no settings (the file is empty or only comments): run 'hailctl init' for a"
                + " commented starter, or set environment, network and buckets"), e.messageLines());
        assertEquals(ExitCode.USAGE, e.exitCode());
    }

    @Test
    void aDocumentThatIsNotAMapIsOneProblem() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> loader.parse("- environment: dev\n", "hailctl.yaml", Overrides.none()));

        assertEquals(List.of("hailctl.yaml:1: (document): expected settings as key: value lines "
                + "(environment:, network:, buckets: ...), got a list"), e.lines());
        assertEquals(e.lines().get(0), e.getMessage(), "no '(and 0 more)'");
    }

    @Test
    void problemsNameTheFileAsGiven(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("staging.yaml");
        Files.writeString(file, "environment: Staging\n" + Files.readString(RESOURCES.resolve("minimal.yaml"))
                .replace("environment: dev\n", ""));

        ConfigException e = assertThrows(ConfigException.class, () -> loader.load(file, Overrides.none()));

        assertEquals(file + ":1: environment = \"Staging\": environment names are 2 to 20 lowercase letters, digits"
                + " and single hyphens, starting with a letter and ending with a letter or digit (they prefix every"
                + " stack name)", e.getMessage());
    }

    @Test
    void flagsAndEnvironmentVariablesWinOverTheFile() {
        String yaml = """
                environment: dev
                region: eu-west-1
                profile: from-file
                network: {vpcId: default, subnetId: default}
                buckets: {hail: a-hail, logs: a-logs, jupyter: a-jupyter}
                """;
        ConfigLoader withEnvironment = new ConfigLoader(new Precedence(Map.of(
                "AWS_DEFAULT_REGION", "us-west-2", "AWS_PROFILE", "from-env")));

        HailctlConfig fromEnvironment = withEnvironment.parse(yaml, "hailctl.yaml", Overrides.none());
        HailctlConfig fromFlags = withEnvironment.parse(yaml, "hailctl.yaml",
                new Overrides(Optional.of("ap-south-1"), Optional.of("from-flag")));
        HailctlConfig fromFile = loader.parse(yaml, "hailctl.yaml", Overrides.none());

        assertEquals(Optional.of("us-west-2"), fromEnvironment.region());
        assertEquals(Optional.of("from-env"), fromEnvironment.profile());
        assertEquals(Optional.of("ap-south-1"), fromFlags.region());
        assertEquals(Optional.of("from-flag"), fromFlags.profile());
        assertEquals(Optional.of("eu-west-1"), fromFile.region());
        assertEquals(Optional.of("from-file"), fromFile.profile());
    }

    @Test
    void badFlagAndEnvironmentValuesAreReportedBeforeFileProblems() {
        ConfigLoader withEnvironment = new ConfigLoader(new Precedence(Map.of("AWS_PROFILE", "my profile")));

        ConfigException e = assertThrows(ConfigException.class, () -> withEnvironment.parse("""
                environment: dev
                region: eu-west-1
                network: {vpcId: default, subnetId: default}
                buckets: {hail: a-hail, logs: a-logs, jupyter: A}
                """, "hailctl.yaml", new Overrides(Optional.of("moon-1"), Optional.empty())));

        assertEquals(List.of(
                "command line: --region = \"moon-1\": not an AWS region name like us-east-1 or eu-west-2",
                "environment variable: AWS_PROFILE = \"my profile\": profile names must not be blank or contain"
                        + " whitespace",
                "hailctl.yaml:4: buckets.jupyter = \"A\": bucket names are 3 to 63 characters"), e.lines());
    }

    @Test
    void aBadEnvironmentRegionIsNamed() {
        ConfigLoader withEnvironment = new ConfigLoader(new Precedence(Map.of("AWS_REGION", "US-EAST-1")));

        ConfigException e = assertThrows(ConfigException.class, () -> withEnvironment.load(
                RESOURCES.resolve("minimal.yaml"), Overrides.none()));

        assertEquals("environment variable: AWS_REGION = \"US-EAST-1\": not an AWS region name like us-east-1 or"
                + " eu-west-2", e.getMessage());
    }
}
