package io.hailctl.deploy.status;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;
import io.hailctl.deploy.ami.AmiRunners;
import io.hailctl.deploy.preflight.Ec2Facts;
import io.hailctl.deploy.seed.FakeBucket;
import io.hailctl.deploy.seed.SeedFile;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.deploy.stack.FakeStacks;
import io.hailctl.deploy.stack.Fingerprint;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.Drift;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.plan.NetworkFacts;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatusReaderTest {
    private static final Instant T = Instant.parse("2026-05-01T10:00:00Z");
    private static final NetworkFacts NET = new NetworkFacts("vpc-1", "subnet-1", "us-east-1a");

    private final HailctlConfig config = new ConfigLoader(new Precedence(Map.of()))
            .load(Path.of("examples/local.yaml"), new Overrides(Optional.empty(), Optional.empty()));
    private final FakeStacks stacks = new FakeStacks();
    private final Map<String, Notebooks.Notebook> notebookInstances = new LinkedHashMap<>();
    private final Map<String, Clusters.Cluster> clusterInstances = new LinkedHashMap<>();
    private final AtomicInteger awsReads = new AtomicInteger();
    private Notebooks notebooks = name -> {
        awsReads.incrementAndGet();
        return Optional.ofNullable(notebookInstances.get(name));
    };
    private final Clusters clusters = id -> {
        awsReads.incrementAndGet();
        return Optional.ofNullable(clusterInstances.get(id));
    };
    private Optional<AmiBuilds.Build> lastBuild = Optional.empty();
    private final AmiBuilds builds = new AmiBuilds() {
        @Override
        public Optional<Build> lastBuild(String project) {
            awsReads.incrementAndGet();
            return project.equals("demo-hail-ami") ? lastBuild : Optional.empty();
        }

        @Override
        public Optional<String> parameter(String name) {
            awsReads.incrementAndGet();
            return name.equals("/hail/demo/ami/latest") ? Optional.of("ami-0built") : Optional.empty();
        }
    };
    private final FakeBucket bucket = new FakeBucket("hailctl-demo-jupyter");
    private final List<SeedFile> bundled = new ArrayList<>();
    private final Ec2Facts noEc2 = new Ec2Facts() {
        @Override
        public Optional<String> defaultVpc() {
            throw new AssertionError("not called");
        }

        @Override
        public Optional<Subnet> subnet(String subnetId) {
            throw new AssertionError("not called");
        }

        @Override
        public List<Subnet> subnets(String vpcId) {
            throw new AssertionError("not called");
        }

        @Override
        public Set<String> offeredInstanceTypes(String availabilityZone, Collection<String> types) {
            throw new AssertionError("not called");
        }

        @Override
        public Optional<Image> image(String amiId) {
            throw new AssertionError("not called");
        }
    };

    private EnvironmentStatus read() throws InterruptedException {
        return read(() -> NET);
    }

    private EnvironmentStatus read(java.util.function.Supplier<NetworkFacts> network) throws InterruptedException {
        SeedSource source = new SeedSource() {
            @Override
            public String describe() {
                return "bundle";
            }

            @Override
            public List<SeedFile> files() {
                return bundled;
            }

            @Override
            public List<String> prefixes() {
                return SeedSource.PREFIXES;
            }
        };
        StatusReader reader = new StatusReader(stacks, file -> "template " + file, notebooks, clusters, builds,
                new SeedSync(bucket, 2), () -> source, List.of(AmiRunners.withoutBuilds(noEc2)),
                Clock.fixed(T, ZoneOffset.UTC), 4);
        return reader.read(config, "us-east-1", network);
    }

    private static Map<String, String> tags(String component, String fingerprint) {
        Map<String, String> t = new LinkedHashMap<>();
        t.put("purpose", "local-rehearsal");
        t.put("hailctl:environment", "demo");
        t.put("hailctl:component", component);
        if (fingerprint != null) {
            t.put(Fingerprint.TAG, fingerprint);
        }
        return t;
    }

    /** The s3 stack exactly as `deploy` would have left it for examples/local.yaml. */
    private void s3Deployed() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("EnvironmentName", "demo");
        params.put("HailBucketName", "hailctl-demo-hail");
        params.put("LogBucketName", "hailctl-demo-logs");
        params.put("JupyterBucketName", "hailctl-demo-jupyter");
        params.put("PublishLegacySsmParameters", "false");
        String fp = Fingerprint.of("template hail-s3.yml", params, tags("s3", null));
        stacks.put("demo-s3", "CREATE_COMPLETE", params, Map.of("JupyterBucket", "hailctl-demo-jupyter",
                "HailBucket", "hailctl-demo-hail", "LogBucket", "hailctl-demo-logs"), tags("s3", fp), T.minusSeconds(3600));
    }

    private StackView stack(EnvironmentStatus s, String name) {
        return s.stacks().stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name));
    }

    @Test
    void anEmptyAccountIsAllNotDeployedWithoutErrorsOrNeedlessCalls() throws Exception {
        EnvironmentStatus s = read();
        assertEquals(List.of("demo-s3", "demo-network", "demo-jupyter-alice", "demo-jupyter-bob", "demo-emr-hail"),
                s.stacks().stream().map(StackView::name).toList());
        s.stacks().forEach(v -> assertEquals(Drift.NOT_DEPLOYED, v.drift()));
        assertEquals(List.of("alice", "bob"), s.notebooks().stream().map(NotebookView::user).toList());
        s.notebooks().forEach(n -> assertEquals("not deployed", n.state()));
        assertEquals("not deployed", s.clusters().get(0).state());
        assertEquals("not deployed", s.seed().state());
        assertEquals(Optional.of(""), s.ami().resolved(), "default source: the default EMR AMI");
        assertEquals(Optional.empty(), s.ami().inUse());
        assertEquals(List.of(), s.problems());
        assertEquals(0, awsReads.get(), "nothing deployed: no notebook, cluster or build reads");
    }

    @Test
    void driftComparesWhatDeployWouldSendWithTheStacksFingerprint() throws Exception {
        s3Deployed();
        stacks.put("demo-network", "UPDATE_COMPLETE", Map.of("EnvironmentName", "demo", "VpcId", "vpc-old"),
                Map.of("NotebookSecurityGroupId", "sg-nb", "EmrMasterSecurityGroupId", "sg-m", "EmrWorkerSecurityGroupId", "sg-w"),
                tags("network", "stale"), T);
        stacks.put("demo-jupyter-alice", "CREATE_COMPLETE", Map.of(), Map.of(), tags("jupyter", null), T);
        EnvironmentStatus s = read();

        assertEquals(Drift.UP_TO_DATE, stack(s, "demo-s3").drift());
        assertEquals(Optional.of("ok"), stack(s, "demo-s3").state());
        assertEquals(Optional.of(T.minusSeconds(3600)), stack(s, "demo-s3").lastChanged());
        StackView network = stack(s, "demo-network");
        assertEquals(Drift.CHANGES_PENDING, network.drift());
        assertEquals(Optional.of("parameters changed: VpcId"), network.driftDetail());
        assertEquals(Optional.of("no hailctl:fingerprint tag (not deployed by hailctl)"), stack(s, "demo-jupyter-alice").driftDetail());
        assertEquals(Drift.NOT_DEPLOYED, stack(s, "demo-emr-hail").drift());
    }

    @Test
    void aStackWhoseInputsAreNotAllKnownHasUnknownDriftNamingWhatIsMissing() throws Exception {
        // The network stack is absent, so the cluster's security groups are unknown.
        stacks.put("demo-emr-hail", "CREATE_COMPLETE", Map.of(), Map.of(), tags("emr", "x"), T);
        s3Deployed();
        StackView emr = stack(read(), "demo-emr-hail");
        assertEquals(Drift.UNKNOWN, emr.drift());
        assertTrue(emr.driftDetail().orElseThrow().startsWith(
                "needs EmrMasterSecurityGroupId (from network.EmrMasterSecurityGroupId once deployed)"), emr.driftDetail().toString());
    }

    @Test
    void aNetworkThatCannotBeReadMakesDriftUnknownButTheRestIsShown() throws Exception {
        s3Deployed();
        EnvironmentStatus s = read(() -> {
            throw new HailctlException(ExitCode.REFUSED, "network.subnetId = subnet-9: no such subnet in us-east-1");
        });
        assertEquals(Drift.UNKNOWN, stack(s, "demo-s3").drift());
        assertEquals(List.of("network: network.subnetId = subnet-9: no such subnet in us-east-1"), s.problems());
        assertEquals("demo-s3", s.stacks().get(0).name());
    }

    @Test
    void stacksTheConfigNoLongerHasAreListedWithTheirNotebooksAndClusters() throws Exception {
        stacks.put("demo-jupyter-carol", "CREATE_COMPLETE", Map.of(), Map.of("NotebookInstanceName", "demo-carol"),
                tags("jupyter", "x"), T);
        stacks.put("demo-emr-old", "CREATE_COMPLETE", Map.of("IdleTimeoutSeconds", "3600"), Map.of("ClusterId", "j-OLD"),
                tags("emr", "x"), T);
        stacks.put("other-s3", "CREATE_COMPLETE", Map.of(), Map.of(), Map.of(), T);
        notebookInstances.put("demo-carol", new Notebooks.Notebook("demo-carol", "Stopped", "ml.t3.medium",
                Optional.of("https://demo-carol.notebook.us-east-1.sagemaker.aws"), Optional.of(T), Optional.empty()));
        EnvironmentStatus s = read();
        StackView carol = stack(s, "demo-jupyter-carol");
        assertEquals(Drift.NOT_IN_CONFIG, carol.drift());
        assertEquals("jupyter", carol.component());
        assertTrue(s.stacks().stream().noneMatch(v -> v.name().equals("other-s3")), "another environment's stack");
        NotebookView nb = s.notebooks().get(2);
        assertEquals("carol", nb.user());
        assertEquals(false, nb.inConfig());
        assertEquals("Stopped", nb.state());
        ClusterView old = s.clusters().get(1);
        assertEquals("old", old.name());
        assertEquals("not deployed", old.state());
        assertEquals(Optional.of("EMR does not know cluster j-OLD"), old.problem());
    }

    @Test
    void aClusterShowsItsMasterLivyGroupsAndIdleTimeout() throws Exception {
        stacks.put("demo-emr-hail", "CREATE_COMPLETE", Map.of("IdleTimeoutSeconds", "1800", "CustomAmiId", ""),
                Map.of("ClusterId", "j-ABC", "LivyPort", "8998"), tags("emr", "x"), T);
        clusterInstances.put("j-ABC", new Clusters.Cluster("j-ABC", "demo-hail", "WAITING", Optional.empty(),
                Optional.of("ip-10-0-0-5.ec2.internal"), Optional.of("ip-10-0-0-5.ec2.internal"), Optional.empty(),
                "emr-7.12.0", List.of(new Clusters.InstanceGroup("Master", "MASTER", "m5.xlarge", "ON_DEMAND", 1, 1),
                new Clusters.InstanceGroup("Core", "CORE", "m5.xlarge", "ON_DEMAND", 1, 2)),
                new Clusters.AutoTermination(true, Optional.of(Duration.ofMinutes(45))), Optional.of(T), List.of("Spark 3.5.6")));
        ClusterView c = read().clusters().get(0);
        assertEquals("WAITING", c.state());
        assertEquals(Optional.of("http://ip-10-0-0-5.ec2.internal:8998"), c.livyUrl());
        assertEquals(2, c.instanceGroups().size());
        assertEquals(1, c.instanceGroups().get(1).running());
        assertEquals(2, c.instanceGroups().get(1).requested());
        assertEquals(Optional.of(45), c.idleTimeoutMinutes(), "EMR's policy wins over the deployed parameter");
        assertEquals(Optional.of("AutoTerminationPolicy"), c.idleTimeoutSource());

        clusterInstances.put("j-ABC", new Clusters.Cluster("j-ABC", "demo-hail", "TERMINATED", Optional.of("ALL_STEPS_COMPLETED"),
                Optional.of("ip-10-0-0-5.ec2.internal"), Optional.empty(), Optional.empty(), "emr-7.12.0", List.of(),
                Clusters.AutoTermination.unknown(), Optional.of(T), List.of()));
        ClusterView gone = read().clusters().get(0);
        assertEquals(Optional.empty(), gone.livyUrl(), "no Livy on a terminated cluster");
        assertEquals(Optional.of(30), gone.idleTimeoutMinutes());
        assertEquals(Optional.of("stack parameter"), gone.idleTimeoutSource());
        assertEquals(Optional.of("ALL_STEPS_COMPLETED"), gone.stateReason());
    }

    @Test
    void aNotebookAwsWouldNotDescribeIsOneProblemLineNotAFailure() throws Exception {
        stacks.put("demo-jupyter-alice", "CREATE_COMPLETE", Map.of(), Map.of("NotebookInstanceName", "demo-alice"),
                tags("jupyter", "x"), T);
        notebooks = name -> {
            throw new HailctlException(ExitCode.AWS_ACCESS, "SageMaker: AccessDeniedException: not authorized");
        };
        EnvironmentStatus s = read();
        assertEquals("unknown", s.notebooks().get(0).state());
        assertEquals(List.of("notebook alice: SageMaker: AccessDeniedException: not authorized"), s.problems());
        assertEquals("not deployed", s.notebooks().get(1).state());
    }

    @Test
    void theStacksAreTheCoreAndTheirFailureIsTheCommandsFailure() {
        FakeStacks broken = new FakeStacks() {
            @Override
            public Optional<io.hailctl.deploy.stack.StackState> describe(String nameOrId) {
                throw new HailctlException(ExitCode.AWS_ACCESS, "CloudFormation: ExpiredToken: The security token included in the request is expired");
            }
        };
        StatusReader reader = new StatusReader(broken, f -> "", notebooks, clusters, builds, new SeedSync(bucket, 1),
                () -> null, List.of(), Clock.systemUTC(), 2);
        HailctlException e = assertThrows(HailctlException.class, () -> reader.read(config, "us-east-1", () -> NET));
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
    }

    @Test
    void seededContentIsComparedWithTheBucketWithoutWriting() throws Exception {
        s3Deployed();
        bundled.add(new SeedFile("scripts/ssm", 3, true, () -> new ByteArrayInputStream("abc".getBytes())));
        bundled.add(new SeedFile("scripts/list-clusters", 2, true, () -> new ByteArrayInputStream("xy".getBytes())));
        EnvironmentStatus before = read();
        assertEquals("changes pending", before.seed().state());
        assertEquals(2, before.seed().toUpload());
        assertEquals(0, bucket.puts.get());

        for (SeedFile f : bundled) {
            bucket.put("hailctl-demo-jupyter", new io.hailctl.deploy.seed.BucketObjects.Upload(f.key(), f.size(),
                    io.hailctl.deploy.seed.Checksums.compute("CRC32", f.content().open().readAllBytes()), "text/plain",
                    Map.of(SeedFile.MODE_METADATA, "0755"), f.content()));
        }
        bucket.preload("scripts/old", new byte[] {1}, Optional.empty(), Map.of());
        EnvironmentStatus after = read();
        assertEquals("up to date", after.seed().state());
        assertEquals(1, after.seed().extras());
        assertEquals(Optional.of("hailctl-demo-jupyter"), after.seed().bucket());
    }

    @Test
    void theLastAmiBuildAndThePublishedAmiComeWithTheAmiStack() throws Exception {
        lastBuild = Optional.of(new AmiBuilds.Build("demo-hail-ami:42", "IN_PROGRESS", Optional.of("BUILD"), Optional.of(T),
                Optional.empty()));
        assertEquals(Optional.empty(), read().ami().lastBuild(), "no ami stack, no build project to ask");
        stacks.put("demo-ami", "CREATE_COMPLETE", Map.of(), Map.of("BuildProjectName", "demo-hail-ami",
                "AmiParameterName", "/hail/demo/ami/latest"), tags("ami", "x"), T);
        EnvironmentStatus s = read();
        assertEquals("IN_PROGRESS", s.ami().lastBuild().orElseThrow().status());
        assertEquals(Optional.of("BUILD"), s.ami().lastBuild().orElseThrow().phase());
        assertEquals(Optional.of("ami-0built"), s.ami().published());
        assertEquals(Drift.NOT_IN_CONFIG, stack(s, "demo-ami").drift(), "ami.source is default: the build stack is not wanted");
    }
}
