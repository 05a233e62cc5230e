package io.hailctl.config;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * One test (or parameter set) per validation rule, asserting the exact lines a user sees. Every case
 * starts from {@link #BASE}, a valid file whose line numbers the expectations rely on; appended blocks
 * start at line 9.
 */
class ConfigValidationTest {
    static final String BASE = """
            environment: dev
            network:
              vpcId: vpc-0123456789abcdef0
              subnetId: subnet-0123456789abcdef0
            buckets:
              hail: team-dev-hail
              logs: team-dev-logs
              jupyter: team-dev-jupyter
            """;

    private final ConfigLoader loader = new ConfigLoader(new Precedence(Map.of()));

    private List<String> problems(String yaml) {
        try {
            loader.parse(yaml, "hailctl.yaml", Overrides.none());
        } catch (ConfigException e) {
            return e.lines();
        }
        return fail("expected problems, but the file is valid:\n" + yaml);
    }

    private HailctlConfig valid(String yaml) {
        return assertDoesNotThrow(() -> loader.parse(yaml, "hailctl.yaml", Overrides.none()));
    }

    private static String base(String from, String to) {
        if (!BASE.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return BASE.replace(from, to);
    }

    private void assertProblems(String yaml, String... expected) {
        assertEquals(List.of(expected), problems(yaml));
    }

    static Arguments problem(String yaml, String... expected) {
        return Arguments.of(yaml, List.of(expected));
    }

    // ---------------------------------------------------------------- unknown keys

    static Stream<Arguments> unknownKeys() {
        return Stream.of(
                problem(base("environment: dev", "enviroment: dev"),
                        "hailctl.yaml:1: enviroment: unknown key; did you mean 'environment'?",
                        "hailctl.yaml:1: environment: is required (e.g. dev)"),
                problem(base("subnetId:", "subnetID:"),
                        "hailctl.yaml:2: network.subnetId: is required (e.g. subnet-0123456789abcdef0)",
                        "hailctl.yaml:4: network.subnetID: unknown key; did you mean 'subnetId'?"),
                problem(base("vpcId:", "VPCID:"),
                        "hailctl.yaml:2: network.vpcId: is required (e.g. vpc-0123456789abcdef0, or default)",
                        "hailctl.yaml:3: network.VPCID: unknown key; did you mean 'vpcId'?"),
                problem(BASE + "emr:\n  coreCont: 3\n",
                        "hailctl.yaml:10: emr.coreCont: unknown key; did you mean 'coreCount'?"),
                problem(BASE + "ami:\n  vep: 116\n",
                        "hailctl.yaml:10: ami.vep: unknown key; expected one of source, hailVersion, vepVersion"),
                problem(BASE + "cluster: 2\n",
                        "hailctl.yaml:9: cluster: unknown key; did you mean 'clusters'?"),
                problem(BASE + "clusters:\n  - name: ab\n    coreCont: 3\n",
                        "hailctl.yaml:11: clusters[0].coreCont: unknown key; did you mean 'coreCount'?"),
                problem(BASE + "users:\n  - nmae: alice\n",
                        "hailctl.yaml:10: users[0].nmae: unknown key; did you mean 'name'?",
                        "hailctl.yaml:10: users[0].name: is required (e.g. - name: alice)"),
                problem(BASE + "notebooks:\n  instancetype: ml.t3.large\n",
                        "hailctl.yaml:10: notebooks.instancetype: unknown key; did you mean 'instanceType'?"),
                problem(BASE + "efs:\n  fileSystemId: fs-0123456789abcdef0\n  mountPath: /efs\n",
                        "hailctl.yaml:11: efs.mountPath: unknown key; expected one of fileSystemId"),
                problem(base("hail:", "hial:"),
                        "hailctl.yaml:5: buckets.hail: is required (a globally unique S3 bucket name)",
                        "hailctl.yaml:6: buckets.hial: unknown key; did you mean 'hail'?"));
    }

    @ParameterizedTest
    @MethodSource
    void unknownKeys(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void duplicateKeysNameTheFirstLine() {
        assertProblems(BASE + "environment: prod\n",
                "hailctl.yaml:9: environment: duplicate key; first set on line 1");
    }

    @Test
    void keysMustBeText() {
        assertProblems(BASE + "emr:\n  ? [a, b]\n  : 1\n", "hailctl.yaml:10: emr: keys must be plain text, not a list or map");
    }

    // ---------------------------------------------------------------- wrong types

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                problem(BASE + "emr:\n  coreCount: two\n",
                        "hailctl.yaml:10: emr.coreCount = \"two\": expected a whole number"),
                problem(BASE + "emr:\n  coreCount: \"2\"\n",
                        "hailctl.yaml:10: emr.coreCount = \"2\": expected a whole number without quotes"),
                problem(BASE + "emr:\n  coreCount: 2.5\n",
                        "hailctl.yaml:10: emr.coreCount = \"2.5\": expected a whole number"),
                problem(BASE + "emr:\n  coreCount: true\n",
                        "hailctl.yaml:10: emr.coreCount = \"true\": expected a whole number"),
                problem(BASE + "emr:\n  coreCount: [2]\n",
                        "hailctl.yaml:10: emr.coreCount: expected a whole number, got a list"),
                problem(BASE + "emr:\n  ssm: yes\n",
                        "hailctl.yaml:10: emr.ssm = \"yes\": expected true or false"),
                problem(BASE + "emr:\n  ssm: 'true'\n",
                        "hailctl.yaml:10: emr.ssm = \"true\": expected true or false without quotes"),
                problem(BASE + "legacySsmParameters: 1\n",
                        "hailctl.yaml:9: legacySsmParameters = \"1\": expected true or false"),
                problem(BASE + "notebooks:\n  directInternetAccess: {a: 1}\n",
                        "hailctl.yaml:10: notebooks.directInternetAccess: expected true or false, got a map"),
                problem(base("environment: dev", "environment: true"),
                        "hailctl.yaml:1: environment = \"true\": expected text, got true/false (quote it to mean the"
                                + " word)"),
                problem(BASE + "region: [us-east-1]\n",
                        "hailctl.yaml:9: region: expected text, got a list"),
                problem(base("hail: team-dev-hail", "hail: {name: x}"),
                        "hailctl.yaml:6: buckets.hail: expected text, got a map"),
                problem(base("buckets:\n  hail: team-dev-hail\n  logs: team-dev-logs\n  jupyter: team-dev-jupyter",
                                "buckets: [team-dev-hail, team-dev-logs]"),
                        "hailctl.yaml:5: buckets: expected a map (indented key: value lines), got a list"),
                problem(BASE + "emr: big\n",
                        "hailctl.yaml:9: emr = \"big\": expected a map (indented key: value lines)"),
                problem(BASE + "users: alice\n",
                        "hailctl.yaml:9: users = \"alice\": expected a list (lines starting with \"- \")"),
                problem(BASE + "users:\n  alice: {}\n",
                        "hailctl.yaml:10: users: expected a list (lines starting with \"- \"), got a map"),
                problem(BASE + "users:\n  - alice\n",
                        "hailctl.yaml:10: users[0] = \"alice\": expected a map like \"- name: alice\""),
                problem(BASE + "users:\n  - [alice]\n",
                        "hailctl.yaml:10: users[0]: expected a map like \"- name: alice\", got a list"),
                problem(BASE + "users:\n  -\n  - name: bob\n",
                        "hailctl.yaml:10: users[0]: expected a map like \"- name: alice\", got nothing"),
                problem(BASE + "tags: [team]\n",
                        "hailctl.yaml:9: tags: expected a map (indented key: value lines), got a list"),
                problem(BASE + "tags:\n  team: [a, b]\n",
                        "hailctl.yaml:10: tags.team: expected text, got a list"));
    }

    @ParameterizedTest
    @MethodSource
    void wrongTypes(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    static Stream<Arguments> clusterProblems() {
        return Stream.of(
                problem(BASE + "clusters: 2\n",
                        "hailctl.yaml:9: clusters = \"2\": expected a list (lines starting with \"- \")"),
                problem(BASE + "clusters:\n  - name: hail\n  - coreCount: 3\n",
                        "hailctl.yaml:11: clusters[1].name: is required (e.g. - name: hail)"),
                problem(BASE + "clusters:\n  - name: hail\n  - name: big\n    coreCount: 0\n",
                        "hailctl.yaml:12: clusters[1].coreCount = \"0\": at least one core node is needed; expected 1 to 500"),
                problem(BASE + "clusters:\n  - name: hail\n  - name: hail\n",
                        "hailctl.yaml:11: clusters[1].name = \"hail\": the same name as clusters[0].name;"
                                + " each cluster is listed once (it names the stack)"),
                problem(BASE + "clusters:\n  - name: Big_One\n",
                        "hailctl.yaml:10: clusters[0].name = \"Big_One\": cluster names are 2 to 20 lowercase letters,"
                                + " digits and hyphens, starting with a letter and ending with a letter or digit"),
                problem(BASE + "clusters:\n  - name: ab\n    taskMin: 3\n    taskMax: 2\n",
                        "hailctl.yaml:11: clusters[0].taskMin = \"3\": more than clusters[0].taskMax (2);"
                                + " taskMin must not exceed taskMax"),
                problem(BASE + "clusters:\n  - hail\n",
                        "hailctl.yaml:10: clusters[0] = \"hail\": expected a map like \"- name: hail\""),
                problem(BASE + "emr:\n  coreCount: 3\nclusters:\n  - name: hail\n",
                        "hailctl.yaml:11: clusters: clusters and emr are both set: move the emr block into clusters"
                                + " as one entry (\"- name: hail\" and its fields)"),
                problem(BASE + "ami:\n  source: build\nclusters:\n  - name: hail\n  - name: old\n"
                                + "    releaseLabel: emr-7.1.0\n",
                        "hailctl.yaml:14: clusters[1].releaseLabel = \"emr-7.1.0\": differs from"
                                + " clusters[0].releaseLabel (emr-7.12.0): with ami.source build every cluster runs"
                                + " the one AMI, made for one EMR release"));
    }

    @ParameterizedTest
    @MethodSource
    void clusterProblems(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void clustersIsAListOfNamedClustersAndEmrIsOneOfThem() {
        HailctlConfig two = valid(BASE + "clusters:\n  - name: hail\n  - name: big\n    coreCount: 8\n"
                + "    taskMarket: SPOT\n    taskMax: 4\n");
        assertEquals(List.of("hail", "big"), two.clusterNames());
        assertEquals(8, two.cluster("big").orElseThrow().coreCount());
        assertEquals(EmrSpec.DEFAULTS, two.clusterDefaults());

        HailctlConfig legacy = valid(BASE + "emr:\n  name: old\n  coreCount: 3\n");
        assertEquals(List.of("old"), legacy.clusterNames());
        assertEquals(3, legacy.clusterDefaults().coreCount());

        assertEquals(List.of("hail"), valid(BASE).clusterNames(), "neither block: the default cluster");
        HailctlConfig none = valid(BASE + "clusters: []\n");
        assertEquals(List.of(), none.clusters());
        assertEquals(EmrSpec.DEFAULTS, none.clusterDefaults(), "ad-hoc clusters start from the built-in defaults");
        assertEquals(List.of("a1", "b2"), valid(BASE + "ami:\n  source: ami-0123456789abcdef0\nclusters:\n"
                + "  - name: a1\n  - name: b2\n").clusterNames());
        assertEquals(List.of("a1", "b2"), valid(BASE + "clusters:\n  - name: a1\n  - name: b2\n"
                + "    releaseLabel: emr-7.1.0\n").clusterNames(), "default AMI: each cluster its own release");
    }

    @Test
    void numbersInTextFieldsAreReadAsText() {
        HailctlConfig config = valid(BASE + "ami:\n  source: build\n  vepVersion: 116\nemr:\n  coreCount: 0x10\n  taskMax: +3\n");

        assertEquals("116", config.ami().vepVersion());
        assertEquals(16, config.clusters().get(0).coreCount());
        assertEquals(3, config.clusters().get(0).taskMax());
    }

    @Test
    void emptyValuesMeanTheDefault() {
        HailctlConfig config = valid(BASE + "region:\nprofile: ~\nnotebooks:\nusers:\nefs:\nami: null\ntags:\n");

        assertEquals(java.util.Optional.empty(), config.region());
        assertEquals(java.util.Optional.empty(), config.efs());
        assertEquals(List.of(), config.users());
        assertEquals(AmiSpec.DEFAULTS, config.ami());
    }

    // ---------------------------------------------------------------- required fields

    static Stream<Arguments> requiredFields() {
        return Stream.of(
                problem(base("environment: dev\n", ""),
                        "hailctl.yaml:1: environment: is required (e.g. dev)"),
                problem(base("environment: dev", "environment:"),
                        "hailctl.yaml:1: environment: is required (e.g. dev)"),
                problem(base("  vpcId: vpc-0123456789abcdef0\n", ""),
                        "hailctl.yaml:2: network.vpcId: is required (e.g. vpc-0123456789abcdef0, or default)"),
                problem(base("  subnetId: subnet-0123456789abcdef0\n", "  subnetId:\n"),
                        "hailctl.yaml:4: network.subnetId: is required (e.g. subnet-0123456789abcdef0)"),
                problem(base("  jupyter: team-dev-jupyter\n", ""),
                        "hailctl.yaml:5: buckets.jupyter: is required (a globally unique S3 bucket name)"),
                problem(base("network:\n  vpcId: vpc-0123456789abcdef0\n  subnetId: subnet-0123456789abcdef0\n", ""),
                        "hailctl.yaml:1: network: is required (vpcId and subnetId)"),
                problem(base("network:\n  vpcId: vpc-0123456789abcdef0\n  subnetId: subnet-0123456789abcdef0\n",
                                "network:\n"),
                        "hailctl.yaml:2: network: is required (vpcId and subnetId)"),
                problem(BASE + "efs: {}\n",
                        "hailctl.yaml:9: efs.fileSystemId: is required (e.g. fs-0123456789abcdef0)"),
                problem(BASE + "users:\n  - instanceType: ml.t3.large\n",
                        "hailctl.yaml:10: users[0].name: is required (e.g. - name: alice)"));
    }

    @ParameterizedTest
    @MethodSource
    void requiredFields(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    // ---------------------------------------------------------------- S3 bucket names

    @Test
    void badBucketNamesNameFieldValueAndRule() {
        assertProblems(base("hail: team-dev-hail", "hail: My_Bucket"),
                "hailctl.yaml:6: buckets.hail = \"My_Bucket\": bucket names use only lowercase letters, digits, dots"
                        + " and hyphens");
        assertProblems(base("logs: team-dev-logs", "logs: 192.168.1.10"),
                "hailctl.yaml:7: buckets.logs = \"192.168.1.10\": bucket names must not be formatted as an IP"
                        + " address");
        assertProblems(base("jupyter: team-dev-jupyter", "jupyter: team-dev-jupyter--x-s3"),
                "hailctl.yaml:8: buckets.jupyter = \"team-dev-jupyter--x-s3\": bucket names must not end with"
                        + " \"--x-s3\" (reserved by S3)");
    }

    @Test
    void theThreeBucketsMustBeDistinctAndBothFieldsAreNamed() {
        assertProblems(base("logs: team-dev-logs", "logs: team-dev-hail"),
                "hailctl.yaml:7: buckets.logs = \"team-dev-hail\": the same name as buckets.hail; the three buckets"
                        + " must be distinct");
        assertProblems(base("logs: team-dev-logs", "logs: team-dev-jupyter"),
                "hailctl.yaml:8: buckets.jupyter = \"team-dev-jupyter\": the same name as buckets.logs; the three"
                        + " buckets must be distinct");
    }

    // ---------------------------------------------------------------- AWS ids and the default VPC

    static Stream<Arguments> awsIds() {
        String vpcRule = "expected \"default\" or a VPC id: vpc- and 8 or 17 lowercase hex digits";
        String subnetRule = "expected a subnet id: subnet- and 8 or 17 lowercase hex digits (or \"default\" when"
                + " vpcId is \"default\")";
        return Stream.of(
                problem(base("vpc-0123456789abcdef0", "vpc-123"),
                        "hailctl.yaml:3: network.vpcId = \"vpc-123\": " + vpcRule),
                problem(base("vpc-0123456789abcdef0", "vpc-0123456789ABCDEF0"),
                        "hailctl.yaml:3: network.vpcId = \"vpc-0123456789ABCDEF0\": " + vpcRule),
                problem(base("vpc-0123456789abcdef0", "subnet-0123456789abcdef0"),
                        "hailctl.yaml:3: network.vpcId = \"subnet-0123456789abcdef0\": " + vpcRule),
                problem(base("vpc-0123456789abcdef0", "Default"),
                        "hailctl.yaml:3: network.vpcId = \"Default\": " + vpcRule),
                problem(base("subnet-0123456789abcdef0", "subnet-0123456789abcdef"),
                        "hailctl.yaml:4: network.subnetId = \"subnet-0123456789abcdef\": " + subnetRule),
                problem(base("subnet-0123456789abcdef0", "default"),
                        "hailctl.yaml:4: network.subnetId = \"default\": \"default\" is only allowed when vpcId is"
                                + " \"default\"; name a subnet of vpc-0123456789abcdef0"),
                problem(BASE + "efs:\n  fileSystemId: fs-xyz\n",
                        "hailctl.yaml:10: efs.fileSystemId = \"fs-xyz\": expected an EFS file system id: fs- and 8 or"
                                + " 17 lowercase hex digits"),
                problem(BASE + "ami:\n  source: ami-0123\n",
                        "hailctl.yaml:10: ami.source = \"ami-0123\": expected default, public, build or an AMI id"
                                + " (ami- and 8 or 17 lowercase hex digits)"),
                problem(BASE + "ami:\n  source: custom\n",
                        "hailctl.yaml:10: ami.source = \"custom\": expected default, public, build or an AMI id"
                                + " (ami- and 8 or 17 lowercase hex digits)"));
    }

    @ParameterizedTest
    @MethodSource
    void awsIds(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void validIdsAndDefaultNetworks() {
        assertEquals(new Network("vpc-01234567", "subnet-89abcdef"), valid(base("vpc-0123456789abcdef0",
                "vpc-01234567").replace("subnet-0123456789abcdef0", "subnet-89abcdef")).network());
        assertEquals(new Network("default", "default"), valid(base("vpc-0123456789abcdef0", "default")
                .replace("subnet-0123456789abcdef0", "default")).network());
        // The default VPC with a named subnet: preflight checks later that the subnet is in it.
        assertEquals(new Network("default", "subnet-0123456789abcdef0"),
                valid(base("vpc-0123456789abcdef0", "default")).network());
        assertEquals(new AmiSource.Explicit("ami-0123456789abcdef0"),
                valid(BASE + "ami:\n  source: ami-0123456789abcdef0\n").ami().source());
        assertEquals(new AmiSource.PublicCatalogue(), valid(BASE + "ami:\n  source: public\n").ami().source());
        assertEquals(new AmiSource.Build(), valid(BASE + "ami:\n  source: build\n").ami().source());
        assertEquals("fs-01234567", valid(BASE + "efs:\n  fileSystemId: fs-01234567\n").efs().orElseThrow()
                .fileSystemId());
    }

    // ---------------------------------------------------------------- region and profile

    @ParameterizedTest
    @ValueSource(strings = {"us-east", "US-EAST-1", "useast1", "us-east-1a", "eu_west_1", "e-west-1"})
    void badRegions(String region) {
        assertProblems(BASE + "region: " + region + "\n", "hailctl.yaml:9: region = \"" + region
                + "\": not an AWS region name like us-east-1 or eu-west-2");
    }

    @ParameterizedTest
    @ValueSource(strings = {"us-east-1", "eu-central-2", "ap-southeast-5", "us-gov-west-1", "cn-north-1",
            "us-iso-east-1", "us-isob-east-1", "il-central-1"})
    void goodRegions(String region) {
        assertEquals(java.util.Optional.of(region), valid(BASE + "region: " + region + "\n").region());
    }

    @ParameterizedTest
    @ValueSource(strings = {"''", "'my profile'", "\"a\\tb\"", "' '"})
    void badProfiles(String profile) {
        List<String> lines = problems(BASE + "profile: " + profile + "\n");
        assertEquals(1, lines.size(), lines::toString);
        assertEquals(true, lines.get(0).startsWith("hailctl.yaml:9: profile = \""), lines.get(0));
        assertEquals(true, lines.get(0).endsWith("\": profile names must not be blank or contain whitespace"),
                lines.get(0));
    }

    @Test
    void aProfileWithoutWhitespaceIsFine() {
        assertEquals(java.util.Optional.of("genomics-prod"), valid(BASE + "profile: genomics-prod\n").profile());
    }

    // ---------------------------------------------------------------- environment and user names

    @ParameterizedTest
    @ValueSource(strings = {"Dev", "d", "dev--x", "dev-", "1dev", "-dev", "dev_x", "dev.x",
            "abcdefghijklmnopqrstu"})
    void badEnvironmentNames(String environment) {
        assertProblems(base("environment: dev", "environment: " + environment),
                "hailctl.yaml:1: environment = \"" + environment + "\": environment names are 2 to 20 lowercase"
                        + " letters, digits and single hyphens, starting with a letter and ending with a letter or"
                        + " digit (they prefix every stack name)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "d1", "genomics-prod-eu-1", "abcdefghijklmnopqrst"})
    void goodEnvironmentNames(String environment) {
        assertEquals(environment, valid(base("environment: dev", "environment: " + environment)).environment());
    }

    @Test
    void badUserNamesAreNamedWithTheirIndex() {
        assertProblems(BASE + "users:\n  - name: alice\n  - name: Bob\n  - name: scripts\n  - name: x\n",
                "hailctl.yaml:11: users[1].name = \"Bob\": user names use lowercase letters, digits and single"
                        + " hyphens, start with a letter and end with a letter or digit",
                "hailctl.yaml:12: users[2].name = \"scripts\": \"scripts\" is reserved: the buckets use it as a"
                        + " shared top-level folder",
                "hailctl.yaml:13: users[3].name = \"x\": user names are 2 to 32 characters");
    }

    @Test
    void duplicateUsersNameBothIndexes() {
        assertProblems(BASE + "users:\n  - name: alice\n  - name: bob\n  - name: alice\n",
                "hailctl.yaml:12: users[2].name = \"alice\": the same name as users[0].name; each user is listed"
                        + " once");
    }

    @Test
    void userNamesThatYamlReadsAsOtherTypesMustBeQuoted() {
        assertProblems(BASE + "users:\n  - name: true\n",
                "hailctl.yaml:10: users[0].name = \"true\": expected text, got true/false (quote it to mean the"
                        + " word)");
        assertEquals(List.of("true"), valid(BASE + "users:\n  - name: \"true\"\n").userNames());
    }

    // ---------------------------------------------------------------- numeric ranges

    static Stream<Arguments> numericRanges() {
        return Stream.of(
                problem(BASE + "emr:\n  coreCount: 0\n",
                        "hailctl.yaml:10: emr.coreCount = \"0\": at least one core node is needed; expected 1 to 500"),
                problem(BASE + "emr:\n  coreCount: 501\n",
                        "hailctl.yaml:10: emr.coreCount = \"501\": at least one core node is needed; expected 1 to"
                                + " 500"),
                problem(BASE + "emr:\n  taskMax: 501\n",
                        "hailctl.yaml:10: emr.taskMax = \"501\": expected 0 to 500 (0 = no task nodes)"),
                problem(BASE + "emr:\n  taskMin: -1\n",
                        "hailctl.yaml:10: emr.taskMin = \"-1\": expected 0 to 500"),
                problem(BASE + "emr:\n  taskMin: 3\n  taskMax: 2\n",
                        "hailctl.yaml:10: emr.taskMin = \"3\": more than emr.taskMax (2); taskMin must not exceed"
                                + " taskMax"),
                problem(BASE + "emr:\n  taskMin: 1\n",
                        "hailctl.yaml:10: emr.taskMin = \"1\": more than emr.taskMax (0); taskMin must not exceed"
                                + " taskMax"),
                problem(BASE + "emr:\n  idleTimeoutMinutes: -1\n",
                        "hailctl.yaml:10: emr.idleTimeoutMinutes = \"-1\": expected 0 (never) or 1 to 10080 minutes"
                                + " (EMR allows 1 minute to 7 days)"),
                problem(BASE + "emr:\n  idleTimeoutMinutes: 10081\n",
                        "hailctl.yaml:10: emr.idleTimeoutMinutes = \"10081\": expected 0 (never) or 1 to 10080"
                                + " minutes (EMR allows 1 minute to 7 days)"),
                problem(BASE + "notebooks:\n  volumeSizeGb: 4\n",
                        "hailctl.yaml:10: notebooks.volumeSizeGb = \"4\": expected 5 to 16384 (GB)"),
                problem(BASE + "users:\n  - name: alice\n    volumeSizeGb: 16385\n",
                        "hailctl.yaml:11: users[0].volumeSizeGb = \"16385\": expected 5 to 16384 (GB)"),
                problem(BASE + "emr:\n  coreCount: 99999999999999999999\n",
                        "hailctl.yaml:10: emr.coreCount = \"99999999999999999999\": at least one core node is needed;"
                                + " expected 1 to 500"));
    }

    @ParameterizedTest
    @MethodSource
    void numericRanges(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void rangeEdgesAreAccepted() {
        EmrSpec emr = valid(BASE + "emr:\n  coreCount: 500\n  taskMin: 500\n  taskMax: 500\n"
                + "  idleTimeoutMinutes: 10080\nnotebooks:\n  volumeSizeGb: 5\n").clusters().get(0);
        assertEquals(List.of(500, 500, 500, 10080), List.of(emr.coreCount(), emr.taskMin(), emr.taskMax(),
                emr.idleTimeoutMinutes()));
        assertEquals(1, valid(BASE + "emr:\n  coreCount: 1\n  idleTimeoutMinutes: 1\n").clusters().get(0).coreCount());
        assertEquals(0, valid(BASE + "emr:\n  idleTimeoutMinutes: 0\n").clusters().get(0).idleTimeoutMinutes());
        assertEquals(16384, valid(BASE + "notebooks:\n  volumeSizeGb: 16384\n").notebooks().volumeSizeGb());
    }

    // ---------------------------------------------------------------- enumerations

    static Stream<Arguments> enumerations() {
        return Stream.of(
                problem(BASE + "emr:\n  taskMarket: spot\n",
                        "hailctl.yaml:10: emr.taskMarket = \"spot\": expected SPOT or ON_DEMAND"),
                problem(BASE + "emr:\n  taskMarket: ONDEMAND\n",
                        "hailctl.yaml:10: emr.taskMarket = \"ONDEMAND\": expected SPOT or ON_DEMAND"),
                problem(BASE + "emr:\n  scaling: Managed\n",
                        "hailctl.yaml:10: emr.scaling = \"Managed\": expected managed or rules"),
                problem(BASE + "emr:\n  scaling: none\n",
                        "hailctl.yaml:10: emr.scaling = \"none\": expected managed or rules"));
    }

    @ParameterizedTest
    @MethodSource
    void enumerations(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void enumerationValuesAreRead() {
        EmrSpec emr = valid(BASE + "emr:\n  taskMarket: SPOT\n  scaling: rules\n").clusters().get(0);
        assertEquals(Market.SPOT, emr.taskMarket());
        assertEquals(Scaling.RULES, emr.scaling());
        assertEquals(Market.ON_DEMAND, valid(BASE + "emr:\n  taskMarket: ON_DEMAND\n").clusters().get(0).taskMarket());
        assertEquals(Scaling.MANAGED, valid(BASE + "emr:\n  scaling: managed\n").clusters().get(0).scaling());
    }

    // ---------------------------------------------------------------- instance types, names, versions

    @ParameterizedTest
    @ValueSource(strings = {"m5.xlarge", "r5.4xlarge", "m7g.2xlarge", "i4i.large", "m7i-flex.large",
            "r7iz.metal-16xl", "c6in.32xlarge", "x2iedn.metal", "u-6tb1.metal", "t3.nano"})
    void ec2InstanceTypeShapes(String type) {
        assertEquals(type, valid(BASE + "emr:\n  masterType: " + type + "\n").clusters().get(0).masterType());
    }

    @ParameterizedTest
    @ValueSource(strings = {"m5xlarge", "xlarge", "M5.xlarge", "m5.", "m5.huge", "ml.m5.xlarge", "m.xlarge"})
    void badEc2InstanceTypes(String type) {
        assertProblems(BASE + "emr:\n  masterType: m5.xlarge\n  coreType: " + type + "\n  taskType: " + type + "\n",
                "hailctl.yaml:11: emr.coreType = \"" + type + "\": expected an EC2 instance type like m5.xlarge or"
                        + " r5.4xlarge",
                "hailctl.yaml:12: emr.taskType = \"" + type + "\": expected an EC2 instance type like m5.xlarge or"
                        + " r5.4xlarge");
    }

    @Test
    void notebookInstanceTypesStartWithMl() {
        assertProblems(BASE + "notebooks:\n  instanceType: t3.medium\nusers:\n  - name: alice\n"
                        + "    instanceType: ml.t3\n",
                "hailctl.yaml:10: notebooks.instanceType = \"t3.medium\": expected a SageMaker notebook instance type"
                        + " like ml.t3.medium",
                "hailctl.yaml:13: users[0].instanceType = \"ml.t3\": expected a SageMaker notebook instance type"
                        + " like ml.t3.medium");
        assertEquals("ml.g4dn.xlarge", valid(BASE + "notebooks:\n  instanceType: ml.g4dn.xlarge\n").notebooks()
                .instanceType());
    }

    @Test
    void notebookPlatform() {
        assertProblems(BASE + "notebooks:\n  platform: notebook-al1-v1\n",
                "hailctl.yaml:10: notebooks.platform = \"notebook-al1-v1\": expected a SageMaker notebook platform"
                        + " like notebook-al2-v3");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Hail", "h", "hail-", "hail_1", "abcdefghijklmnopqrstu"})
    void clusterNames(String name) {
        assertProblems(BASE + "emr:\n  name: " + name + "\n",
                "hailctl.yaml:10: emr.name = \"" + name + "\": cluster names are 2 to 20 lowercase letters, digits"
                        + " and hyphens, starting with a letter and ending with a letter or digit");
    }

    @Test
    void releaseLabelsMustBeEmr7() {
        assertProblems(BASE + "emr:\n  releaseLabel: emr-6.15.0\n",
                "hailctl.yaml:10: emr.releaseLabel = \"emr-6.15.0\": Hail 0.2.13x needs Spark 3.5, which EMR 7.x"
                        + " provides: use an emr-7.x.y release label");
        assertProblems(BASE + "emr:\n  releaseLabel: 7.12.0\n",
                "hailctl.yaml:10: emr.releaseLabel = \"7.12.0\": expected an EMR release label like emr-7.12.0");
        assertProblems(BASE + "emr:\n  releaseLabel: emr-7.12\n",
                "hailctl.yaml:10: emr.releaseLabel = \"emr-7.12\": expected an EMR release label like emr-7.12.0");
        assertEquals("emr-7.0.0", valid(BASE + "emr:\n  releaseLabel: emr-7.0.0\n").clusters().get(0).releaseLabel());
    }

    @Test
    void hailVersions() {
        assertProblems(BASE + "ami:\n  hailVersion: 0.2.130\n",
                "hailctl.yaml:10: ami.hailVersion = \"0.2.130\": Hail before 0.2.131 does not run on Spark 3.5"
                        + " (EMR 7): use 0.2.131 or newer");
        assertProblems(BASE + "ami:\n  hailVersion: 0.3.1\n",
                "hailctl.yaml:10: ami.hailVersion = \"0.3.1\": expected a Hail version like 0.2.139");
        assertProblems(BASE + "ami:\n  hailVersion: 0.2\n",
                "hailctl.yaml:10: ami.hailVersion = \"0.2\": expected a Hail version like 0.2.139");
        assertEquals("0.2.131", valid(BASE + "ami:\n  hailVersion: 0.2.131\n").ami().hailVersion());
    }

    @Test
    void vepVersions() {
        String rule = "expected none or an Ensembl release number from 85 to 200";
        assertProblems(BASE + "ami:\n  source: build\n  vepVersion: 84\n",
                "hailctl.yaml:11: ami.vepVersion = \"84\": " + rule);
        assertProblems(BASE + "ami:\n  source: build\n  vepVersion: 201\n",
                "hailctl.yaml:11: ami.vepVersion = \"201\": " + rule);
        assertProblems(BASE + "ami:\n  source: build\n  vepVersion: latest\n",
                "hailctl.yaml:11: ami.vepVersion = \"latest\": " + rule);
        assertEquals("116", valid(BASE + "ami:\n  source: build\n  vepVersion: '116'\n").ami().vepVersion());
        assertEquals(java.util.OptionalInt.of(85),
                valid(BASE + "ami:\n  source: build\n  vepVersion: 85\n").ami().vepRelease());
        assertEquals(java.util.OptionalInt.empty(), valid(BASE + "ami:\n  vepVersion: none\n").ami().vepRelease());
    }

    @Test
    void vepNeedsACustomAmi() {
        assertProblems(BASE + "ami:\n  vepVersion: 116\n",
                "hailctl.yaml:10: ami.vepVersion = \"116\": VEP needs a custom AMI: set ami.source to build (or to"
                        + " the id of an AMI built with VEP)");
        assertProblems(BASE + "ami:\n  source: wrong\n  vepVersion: 116\n",
                "hailctl.yaml:10: ami.source = \"wrong\": expected default, public, build or an AMI id (ami- and 8"
                        + " or 17 lowercase hex digits)");
        assertEquals("116", valid(BASE + "ami:\n  source: ami-01234567\n  vepVersion: 116\n").ami().vepVersion());
    }

    // ---------------------------------------------------------------- tags

    static Stream<Arguments> tagRules() {
        String longKey = "k".repeat(129);
        String longValue = "v".repeat(257);
        return Stream.of(
                problem(BASE + "tags:\n  aws:team: x\n",
                        "hailctl.yaml:10: tags.aws:team: tag keys must not start with \"aws:\" (reserved by AWS)"),
                problem(BASE + "tags:\n  AWS:team: x\n",
                        "hailctl.yaml:10: tags.AWS:team: tag keys must not start with \"aws:\" (reserved by AWS)"),
                problem(BASE + "tags:\n  hailctl:environment: x\n",
                        "hailctl.yaml:10: tags.hailctl:environment: tag keys must not start with \"hailctl:\""
                                + " (reserved for hailctl's own tags)"),
                problem(BASE + "tags:\n  " + longKey + ": x\n",
                        "hailctl.yaml:10: tags." + longKey + ": tag keys are at most 128 characters"),
                problem(BASE + "tags:\n  team: " + longValue + "\n",
                        "hailctl.yaml:10: tags.team = \"" + "v".repeat(80) + "…\": tag values are at most 256"
                                + " characters"),
                problem(BASE + "tags:\n  team!: x\n",
                        "hailctl.yaml:10: tags.team!: tags use only letters, digits, spaces and _ . : / = + - @"),
                problem(BASE + "tags:\n  team: a;b\n",
                        "hailctl.yaml:10: tags.team = \"a;b\": tags use only letters, digits, spaces and _ . : / = + -"
                                + " @"),
                problem(BASE + "tags:\n  '': x\n",
                        "hailctl.yaml:10: tags.: tag keys must not be empty"));
    }

    @ParameterizedTest
    @MethodSource
    void tagRules(String yaml, List<String> expected) {
        assertEquals(expected, problems(yaml));
    }

    @Test
    void tagValuesAreTextWhateverYamlMakesOfThem() {
        assertEquals(Map.of("team", "genomics", "year", "2024", "billable", "true", "note", "", "path", "a/b=c+d@e.f"),
                valid(BASE + "tags:\n  team: genomics\n  year: 2024\n  billable: true\n  note:\n"
                        + "  path: a/b=c+d@e.f\n").tags());
        String key = "k".repeat(128);
        assertEquals(Map.of(key, "v".repeat(256)), valid(BASE + "tags:\n  " + key + ": " + "v".repeat(256) + "\n")
                .tags());
    }

    // ---------------------------------------------------------------- all at once

    @Test
    void everyProblemIsReportedInFileOrder() {
        ConfigException e = assertThrows(ConfigException.class, () -> loader.parse("""
                environment: Dev
                network:
                  vpcId: vpc-1
                  subnetId: default
                buckets:
                  hail: a
                  logs: a
                emr:
                  coreCount: 0
                  taskMarket: spot
                """, "hailctl.yaml", Overrides.none()));

        assertEquals(List.of(
                "hailctl.yaml:1: environment = \"Dev\": environment names are 2 to 20 lowercase letters, digits and"
                        + " single hyphens, starting with a letter and ending with a letter or digit (they prefix every"
                        + " stack name)",
                "hailctl.yaml:3: network.vpcId = \"vpc-1\": expected \"default\" or a VPC id: vpc- and 8 or 17"
                        + " lowercase hex digits",
                "hailctl.yaml:5: buckets.jupyter: is required (a globally unique S3 bucket name)",
                "hailctl.yaml:6: buckets.hail = \"a\": bucket names are 3 to 63 characters",
                "hailctl.yaml:7: buckets.logs = \"a\": bucket names are 3 to 63 characters",
                "hailctl.yaml:9: emr.coreCount = \"0\": at least one core node is needed; expected 1 to 500",
                "hailctl.yaml:10: emr.taskMarket = \"spot\": expected SPOT or ON_DEMAND"), e.lines());
        assertEquals(e.lines().get(0) + " (and 6 more)", e.getMessage());
    }
}
