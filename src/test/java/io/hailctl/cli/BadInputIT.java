package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.HailctlProcess;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.WireProxy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bad-input corpus: config fields, YAML, command-line arguments, the environment and out-of-band
 * state, each refused the same way: within seconds (20 s here is a hang guard, not a performance
 * claim), with exactly one line on stderr naming the value and the rule (an indented hint may follow),
 * the exit code documented in the README, and not one AWS write call, counted on the wire by a
 * {@link WireProxy} in front of moto (so it sees every client, not only those an SDK interceptor
 * would). Cases that depend on the process environment (credentials, profiles, HOME) run as a real
 * process; the rest in-process, which is faster and goes through the same code.
 */
@ExtendWith(MotoExtension.class)
class BadInputIT {
    private static final Duration HANG_GUARD = Duration.ofSeconds(20);
    private static final Map<String, Long> TOOK_MS = new ConcurrentHashMap<>();

    static final String VALID = """
            environment: bad
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: bad-hail
              logs: bad-logs
              jupyter: bad-jupyter
            users:
              - name: alice
            """;

    @TempDir
    Path dir;
    private Moto moto;
    private WireProxy proxy;
    private AwsClients aws;

    /** How a case is set up beyond its hailctl.yaml: files, out-of-band AWS state, canned answers. */
    @FunctionalInterface
    interface Setup {
        void apply(Fixture f) throws Exception;
    }

    /** What a case's set-up can touch. */
    record Fixture(Path dir, Moto moto, AwsClients aws, WireProxy proxy) {
    }

    enum Runner { IN_PROCESS, PROCESS }

    /**
     * One bad input: the hailctl.yaml text (null: none written), set-up, arguments, extra environment,
     * the documented exit code and a text the error line must contain (the value, or the field's name).
     */
    record Case(String kind, String name, String config, Setup setup, List<String> args, Map<String, String> env,
                Runner runner, int exit, String mentions) {
        @Override
        public String toString() {
            return kind + ": " + name;
        }
    }

    @BeforeEach
    void setUp(Moto moto) throws Exception {
        this.moto = moto;
        this.proxy = new WireProxy(moto.endpoint());
        this.aws = moto.clients();
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        aws.close();
    }

    @AfterAll
    static void timings() {
        long max = TOOK_MS.values().stream().mapToLong(Long::longValue).max().orElse(0);
        long total = TOOK_MS.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("bad inputs: " + TOOK_MS.size() + " cases, " + total + " ms in all, slowest " + max + " ms");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void refusedAtOnceWithOneLineAndNoWrite(Case c) throws Exception {
        if (c.config() != null) {
            Files.writeString(dir.resolve("hailctl.yaml"), c.config());
        }
        c.setup().apply(new Fixture(dir, moto, aws, proxy));
        List<WireProxy.Call> before = proxy.calls();
        long start = System.nanoTime();
        CliRun.Result r = run(c);
        long took = (System.nanoTime() - start) / 1_000_000;
        TOOK_MS.put(c.toString(), took);
        List<WireProxy.Call> during = proxy.calls().subList(before.size(), proxy.calls().size());

        assertEquals(c.exit(), r.exitCode(), c + ": exit code\n" + r);
        List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
        List<String> headLines = lines.stream().filter(l -> !l.startsWith(" ")).toList();
        assertEquals(1, headLines.size(), c + ": exactly one error line (indented hints aside)\n" + r);
        assertTrue(lines.size() <= 3, c + ": a line and a short hint, no more\n" + r);
        assertTrue(headLines.get(0).contains(c.mentions()), c + ": the line names " + c.mentions() + "\n" + r);
        assertTrue(r.err().lines().noneMatch(l -> l.startsWith("\tat ") || l.contains("Exception")),
                c + ": no stack trace\n" + r);
        assertTrue(took < HANG_GUARD.toMillis(), c + ": refused within " + HANG_GUARD + " (took " + took + " ms)");
        List<WireProxy.Call> writes = during.stream().filter(WireProxy.Call::isWrite).toList();
        assertEquals(List.of(), writes, c + ": no AWS write call\n" + r);
    }

    private CliRun.Result run(Case c) throws Exception {
        Map<String, String> env = new HashMap<>();
        env.put("AWS_ENDPOINT_URL", proxy.endpoint().toString());
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_REGION", Moto.REGION);
        env.put("AWS_EC2_METADATA_DISABLED", "true");
        env.put("NO_COLOR", "1");
        c.env().forEach((k, v) -> {
            if (v == null) {
                env.remove(k);
            } else {
                env.put(k, v);
            }
        });
        String[] args = c.args().toArray(String[]::new);
        if (c.runner() == Runner.PROCESS) {
            return HailctlProcess.start(dir, env, args).await(HANG_GUARD.plusSeconds(10));
        }
        CliRun run = new CliRun().workingDir(dir).home(dir);
        env.forEach(run::env);
        return run.run(args);
    }

    // ---- the corpus ----

    static Stream<Case> corpus() {
        List<Case> all = new ArrayList<>();
        all.addAll(configFields());
        all.addAll(yaml());
        all.addAll(arguments());
        all.addAll(environment());
        all.addAll(outOfBand());
        return all.stream();
    }

    private static final Setup NOTHING = f -> { };
    private static final List<String> DEPLOY = List.of("-y", "deploy", "all");

    private static Case field(String name, String config, String mentions) {
        return new Case("config", name, config, NOTHING, DEPLOY, Map.of(), Runner.IN_PROCESS, 2, mentions);
    }

    private static String with(String from, String to) {
        if (!VALID.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return VALID.replace(from, to);
    }

    private static List<Case> configFields() {
        return List.of(
                field("environment missing", with("environment: bad\n", ""), "environment"),
                field("environment with capitals", with("environment: bad", "environment: Bad_Env"), "Bad_Env"),
                field("environment too long", with("environment: bad", "environment: abcdefghijklmnopqrstu"),
                        "abcdefghijklmnopqrstu"),
                field("environment one letter", with("environment: bad", "environment: b"), "\"b\""),
                field("environment double hyphen", with("environment: bad", "environment: a--b"), "a--b"),
                field("environment a number", with("environment: bad", "environment: 42"), "42"),
                field("vpcId malformed", with("vpcId: default", "vpcId: vpc_123"), "vpc_123"),
                field("subnetId malformed", with("subnetId: default", "subnetId: sub-1"), "sub-1"),
                field("network missing", with("network:\n  vpcId: default\n  subnetId: default\n", ""), "network"),
                field("bucket with capitals", with("hail: bad-hail", "hail: My_Bucket"), "My_Bucket"),
                field("bucket too short", with("logs: bad-logs", "logs: ab"), "\"ab\""),
                field("bucket like an IP address", with("jupyter: bad-jupyter", "jupyter: 192.168.1.1"), "192.168.1.1"),
                field("bucket reserved prefix", with("hail: bad-hail", "hail: xn--bucket"), "xn--bucket"),
                field("bucket reserved suffix", with("hail: bad-hail", "hail: bucket-s3alias"), "bucket-s3alias"),
                field("two buckets the same", with("logs: bad-logs", "logs: bad-hail"), "bad-hail"),
                field("bucket missing", with("  jupyter: bad-jupyter\n", ""), "jupyter"),
                field("volume too small", VALID + "notebooks:\n  volumeSizeGb: 2\n", "2"),
                field("volume too large", VALID + "notebooks:\n  volumeSizeGb: 99999\n", "99999"),
                field("volume not a number", VALID + "notebooks:\n  volumeSizeGb: big\n", "big"),
                field("notebook type without ml.", VALID + "notebooks:\n  instanceType: t3.medium\n", "t3.medium"),
                field("user name with capitals", with("name: alice", "name: Alice"), "Alice"),
                field("user name with underscore", with("name: alice", "name: a_b"), "a_b"),
                field("user name too long", with("name: alice", "name: " + "a".repeat(40)), "a".repeat(40)),
                field("user listed twice", VALID + "  - name: alice\n", "alice"),
                field("users not a list", with("users:\n  - name: alice\n", "users: alice\n"), "users"),
                field("user without a name", VALID + "  - instanceType: ml.t3.large\n", "name"),
                field("EFS id malformed", VALID + "efs:\n  fileSystemId: fs_123\n", "fs_123"),
                field("AMI source unknown", VALID + "ami:\n  source: ubuntu\n", "ubuntu"),
                field("Hail too old", VALID + "ami:\n  hailVersion: 0.2.100\n", "0.2.100"),
                field("VEP version not a release", VALID + "ami:\n  source: build\n  vepVersion: abc\n", "abc"),
                field("VEP on the default AMI", VALID + "ami:\n  source: default\n  vepVersion: 116\n", "116"),
                field("EMR 6", VALID + "emr:\n  releaseLabel: emr-6.15.0\n", "emr-6.15.0"),
                field("no core nodes", VALID + "emr:\n  coreCount: 0\n", "0"),
                field("task min above max", VALID + "emr:\n  taskMin: 3\n  taskMax: 1\n", "taskMin"),
                field("task market unknown", VALID + "emr:\n  taskMarket: CHEAP\n", "CHEAP"),
                field("scaling unknown", VALID + "emr:\n  scaling: auto\n", "auto"),
                field("idle timeout too long", VALID + "emr:\n  idleTimeoutMinutes: 99999\n", "99999"),
                field("instance type malformed", VALID + "emr:\n  masterType: huge\n", "huge"),
                field("misspelt top-level key", VALID + "enviroment: x\n", "enviroment"),
                field("misspelt nested key", with("vpcId: default", "vpcId: default\n  subnet: default"), "subnet"),
                field("tags not a map", VALID + "tags: [a, b]\n", "tags"),
                field("flag not a boolean", VALID + "legacySsmParameters: maybe\n", "maybe"),
                field("region unknown in the file", VALID + "region: mars-1\n", "mars-1"));
    }

    private static Case yamlCase(String name, String config, Setup setup, String mentions) {
        return new Case("yaml", name, config, setup, DEPLOY, Map.of(), Runner.IN_PROCESS, 2, mentions);
    }

    private static Setup bytes(byte[] content) {
        return f -> Files.write(f.dir().resolve("hailctl.yaml"), content);
    }

    private static List<Case> yaml() {
        String bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n"
                + "b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
                + "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n"
                + "d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
                + "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n"
                + "f: &f [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
                + "g: &g [*f, *f, *f, *f, *f, *f, *f, *f, *f]\n"
                + "h: &h [*g, *g, *g, *g, *g, *g, *g, *g, *g]\n"
                + "i: &i [*h, *h, *h, *h, *h, *h, *h, *h, *h]\n";
        byte[] binary = new byte[512];
        new java.util.Random(7).nextBytes(binary);
        binary[3] = 0;
        return List.of(
                yamlCase("tab indentation", with("  vpcId: default", "\tvpcId: default"), NOTHING, "hailctl.yaml"),
                yamlCase("duplicate key", VALID + "environment: other\n", NOTHING, "environment"),
                yamlCase("alias bomb (billion laughs)", VALID + bomb, NOTHING, "hailctl.yaml"),
                yamlCase("binary bytes", null, bytes(binary), "hailctl.yaml"),
                yamlCase("empty file", "", NOTHING, "hailctl.yaml"),
                yamlCase("only a comment", "# nothing yet\n", NOTHING, "hailctl.yaml"),
                yamlCase("a directory", null, f -> Files.createDirectory(f.dir().resolve("hailctl.yaml")),
                        "hailctl.yaml"),
                // Tests run as root, for whom chmod 000 does not stop a read: a symlink loop is unreadable for anyone.
                yamlCase("unreadable (symlink loop)", null, f -> {
                    Files.createSymbolicLink(f.dir().resolve("hailctl.yaml"), f.dir().resolve("loop.yaml"));
                    Files.createSymbolicLink(f.dir().resolve("loop.yaml"), f.dir().resolve("hailctl.yaml"));
                }, "hailctl.yaml"),
                yamlCase("not UTF-8 (Latin-1 bytes)", null,
                        bytes(with("name: alice", "name: caf\u00e9").getBytes(StandardCharsets.ISO_8859_1)),
                        "hailctl.yaml"),
                yamlCase("a list, not settings", "- environment: bad\n", NOTHING, "hailctl.yaml"),
                yamlCase("unclosed quote", with("environment: bad", "environment: \"bad"), NOTHING, "hailctl.yaml"),
                yamlCase("missing file", null, NOTHING, "hailctl.yaml"),
                yamlCase("nesting 10000 deep", VALID + "tags: " + "[".repeat(10000) + "]".repeat(10000) + "\n", NOTHING,
                        "hailctl.yaml"),
                yamlCase("a 3 MB file", VALID + "tags:\n  big: " + "x".repeat(3_000_000) + "\n", NOTHING, "hailctl.yaml"));
    }

    private static Case arg(String name, List<String> args, String mentions) {
        return new Case("arguments", name, VALID, NOTHING, args, Map.of(), Runner.IN_PROCESS, 2, mentions);
    }

    private static List<Case> arguments() {
        return List.of(
                arg("unknown command", List.of("deploi"), "deploi"),
                arg("unknown option", List.of("--colour", "status"), "--colour"),
                arg("unknown deploy part", List.of("deploy", "everything"), "everything"),
                arg("add-user bad name", List.of("-y", "add-user", "Bad_Name"), "Bad_Name"),
                arg("add-user tiny volume", List.of("-y", "add-user", "--volume-size", "1", "carol"), "1"),
                arg("add-user bad instance type", List.of("-y", "add-user", "--instance-type", "t2.micro", "carol"),
                        "t2.micro"),
                arg("add-user no name", List.of("-y", "add-user"), "NAME"),
                arg("output format unknown", List.of("-o", "yaml", "status"), "yaml"),
                arg("endpoint not a URL", List.of("--endpoint-url", "not a url", "status"), "not a url"),
                arg("endpoint without scheme", List.of("--endpoint-url", "localhost:4566", "status"), "localhost:4566"),
                arg("--local with --endpoint-url", List.of("--local", "--endpoint-url", "http://127.0.0.1:1", "status"),
                        "--endpoint-url"),
                arg("seed folder missing", List.of("-y", "seed", "no-such-folder"), "no-such-folder"),
                arg("deploy jupyter unknown user", List.of("-y", "deploy", "jupyter", "zed"), "zed"),
                new Case("arguments", "HAILCTL_OUTPUT unknown", VALID, NOTHING, List.of("status"),
                        Map.of("HAILCTL_OUTPUT", "xml"), Runner.IN_PROCESS, 2, "xml"),
                new Case("arguments", "--config names a missing file", VALID, NOTHING,
                        List.of("--config", "other.yaml", "-y", "deploy", "all"), Map.of(), Runner.IN_PROCESS, 2,
                        "other.yaml"));
    }

    private static Case env(String name, List<String> args, Map<String, String> env, Setup setup, int exit,
                            String mentions) {
        return new Case("environment", name, VALID, setup, args, env, Runner.PROCESS, exit, mentions);
    }

    private static Map<String, String> unset(String... names) {
        Map<String, String> m = new HashMap<>();
        for (String n : names) {
            m.put(n, null);
        }
        return m;
    }

    private static List<Case> environment() {
        Map<String, String> unreachable = new HashMap<>(Map.of("AWS_ENDPOINT_URL", "http://127.0.0.1:9"));
        return List.of(
                env("no credentials", DEPLOY, unset("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), NOTHING, 4,
                        "credentials"),
                env("unknown profile", List.of("--profile", "nobody", "-y", "deploy", "all"), Map.of(), NOTHING, 4,
                        "nobody"),
                env("unknown profile in AWS_PROFILE", DEPLOY, Map.of("AWS_PROFILE", "ghost"), NOTHING, 4, "ghost"),
                env("no region anywhere", DEPLOY, unset("AWS_REGION"), NOTHING, 4, "region"),
                env("unreachable endpoint", DEPLOY, unreachable, NOTHING, 4, "127.0.0.1:9"),
                env("malformed AWS_ENDPOINT_URL", DEPLOY, Map.of("AWS_ENDPOINT_URL", "ftp://x"), NOTHING, 2, "ftp://x"),
                env("unknown region flag", List.of("--region", "mars-1", "-y", "deploy", "all"), Map.of(), NOTHING, 2,
                        "mars-1"),
                env("unknown region in AWS_REGION", DEPLOY, Map.of("AWS_REGION", "moon-2"), NOTHING, 2, "moon-2"),
                env("profile without credentials", List.of("--profile", "empty", "-y", "deploy", "all"),
                        unset("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"), f -> {
                            Files.createDirectories(f.dir().resolve(".aws"));
                            Files.writeString(f.dir().resolve(".aws/config"), "[profile empty]\nregion = us-east-1\n");
                        }, 4, "empty"));
    }

    private static Case state(String name, String config, Setup setup, List<String> args, int exit, String mentions) {
        return new Case("out-of-band", name, config, setup, args, Map.of(), Runner.IN_PROCESS, exit, mentions);
    }

    private static Setup deployedThen(Setup then) {
        return f -> {
            CliRun.Result r = new CliRun().against(f.moto()).workingDir(f.dir()).home(f.dir()).run("-q", "-y", "deploy",
                    "all");
            assertEquals(0, r.exitCode(), r.toString());
            then.apply(f);
        };
    }

    private static List<Case> outOfBand() {
        return List.of(
                state("bucket name taken in this account, outside the environment", VALID,
                        f -> f.aws().s3().createBucket(b -> b.bucket("bad-jupyter")), DEPLOY, 3, "bad-jupyter"),
                state("bucket name owned by another account (moto)", VALID, BadInputIT::bucketOfAnotherAccount,
                        DEPLOY, 3, "bad-hail"),
                state("bucket name owned by another account (AWS's 403)", VALID, f -> f.proxy().answer(
                        c -> c.name().equals("s3.HeadBucket") && c.path().startsWith("/bad-logs"), 403, ""),
                        DEPLOY, 3, "bad-logs"),
                state("subnet that does not exist", with("subnetId: default", "subnetId: subnet-0123456789abcdef0")
                        .replace("vpcId: default", "vpcId: vpc-0123456789abcdef0"), NOTHING, DEPLOY, 3,
                        "subnet-0123456789abcdef0"),
                state("subnet of another VPC", null, f -> {
                    String vpc = f.aws().ec2AllOperations().createVpc(b -> b.cidrBlock("10.9.0.0/16")).vpc().vpcId();
                    String other = f.aws().ec2AllOperations().createSubnet(b -> b.vpcId(vpc).cidrBlock("10.9.1.0/24")).subnet()
                            .subnetId();
                    String defaultVpc = f.aws().ec2().describeVpcs(b -> b.filters(x -> x.name("isDefault").values("true")))
                            .vpcs().get(0).vpcId();
                    Files.writeString(f.dir().resolve("hailctl.yaml"), VALID.replace("vpcId: default", "vpcId: "
                            + defaultVpc).replace("subnetId: default", "subnetId: " + other));
                }, DEPLOY, 3, "subnet-"),
                state("explicit AMI that does not exist", VALID + "ami:\n  source: ami-0123456789abcdef0\n", NOTHING,
                        DEPLOY, 3, "ami-0123456789abcdef0"),
                state("EFS file system that does not exist", VALID + "efs:\n  fileSystemId: fs-0123456789abcdef0\n",
                        NOTHING, DEPLOY, 3, "fs-0123456789abcdef0"),
                state("a notebook stack on another subnet", VALID, deployedThen(BadInputIT::moveToAnotherSubnet),
                        DEPLOY, 3, "uses subnet"),
                state("the s3 stack deleted by hand, buckets kept", VALID,
                        deployedThen(f -> f.aws().cloudFormation().deleteStack(b -> b.stackName("bad-s3"))),
                        DEPLOY, 3, "bad-"));
    }

    /** A second account (AssumeRole into it; moto keeps resources per account) creates the bucket first. */
    private static void bucketOfAnotherAccount(Fixture f) {
        try (StsClient sts = StsClient.builder().endpointOverride(f.moto().endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("test", "test"))).build()) {
            Credentials c = sts.assumeRole(b -> b.roleArn("arn:aws:iam::111122223333:role/other")
                    .roleSessionName("other-team")).credentials();
            try (S3Client s3 = S3Client.builder().endpointOverride(f.moto().endpoint()).region(Region.US_EAST_1)
                    .forcePathStyle(true).credentialsProvider(StaticCredentialsProvider.create(
                            AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), c.sessionToken())))
                    .build()) {
                s3.createBucket(b -> b.bucket("bad-hail"));
            }
        }
    }

    /** The config moves to a new subnet while alice's notebook stays on the old one. */
    private static void moveToAnotherSubnet(Fixture f) throws Exception {
        var vpc = f.aws().ec2().describeVpcs(b -> b.filters(x -> x.name("isDefault").values("true"))).vpcs().get(0);
        var subnets = f.aws().ec2().describeSubnets(b -> b.filters(x -> x.name("vpc-id").values(vpc.vpcId())))
                .subnets();
        String used = f.aws().cloudFormation().describeStacks(b -> b.stackName("bad-jupyter-alice")).stacks().get(0)
                .parameters().stream().filter(p -> p.parameterKey().toLowerCase().contains("subnet")).findFirst()
                .orElseThrow().parameterValue();
        String other = subnets.stream().map(s -> s.subnetId()).filter(s -> !s.equals(used)).findFirst().orElseThrow();
        Files.writeString(f.dir().resolve("hailctl.yaml"), VALID.replace("vpcId: default", "vpcId: " + vpc.vpcId())
                .replace("subnetId: default", "subnetId: " + other));
    }
}
