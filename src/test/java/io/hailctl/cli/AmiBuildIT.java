package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.bundle.Bundle;
import io.hailctl.bundle.PackerBundle;
import io.hailctl.deploy.Deployment;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.testing.MotoCodeBuildProjects;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.OperationLog;
import io.hailctl.testing.PackerStandIn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Image;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `ami.source: build` against moto, through the real composition (DeployRun, BuildAmiRun, Wiring,
 * the bundled templates and Packer bundle). moto runs no build, so two named test stand-ins do
 * what AWS would: {@link MotoCodeBuildProjects} (the CodeBuild project moto's CloudFormation skips)
 * and {@link PackerStandIn} (the AMI and SSM records a successful build leaves). They are passed to
 * the clients explicitly, which is why this test builds its {@link Invocation} itself instead of
 * going through CliRun.
 */
@ExtendWith(MotoExtension.class)
class AmiBuildIT {
    private static final String CONFIG = """
            environment: demo
            region: us-east-1
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: demo-hail-bucket
              logs: demo-log-bucket
              jupyter: demo-jupyter-bucket
            ami:
              source: build
              hailVersion: 0.2.139
              vepVersion: none
            emr:
              coreType: m5.xlarge
              coreCount: 1
            """;
    private static final PackerBundle BUNDLE = PackerBundle.of(new Bundle());

    @TempDir
    Path dir;
    private Moto moto;
    private AwsClients plain;
    private AwsClients hailctl;
    private PackerStandIn packer;
    private final OperationLog calls = new OperationLog();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp(Moto moto) throws Exception {
        this.moto = moto;
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        plain = moto.clients();
        packer = new PackerStandIn(() -> plain);
        hailctl = moto.clients(List.of(new MotoCodeBuildProjects(() -> plain), packer, calls));
    }

    @AfterEach
    void tearDown() {
        hailctl.close();
        plain.close();
    }

    private Invocation invocation() {
        Host host = new Host(new PrintWriter(out, true), new PrintWriter(err, true), new BufferedReader(new StringReader("")),
                Map.of(), dir, dir, false);
        GlobalOptions options = new GlobalOptions();
        options.yes = true;
        return new Invocation(host, options, hailctl);
    }

    /** Empty {@code targets}: everything `deploy all` deploys but the Jupyter seed, which this test is not about. */
    private int deploy(String command, Set<StepId> targets) throws Exception {
        Invocation inv = invocation();
        try {
            return new DeployRun(inv).run(command, plan -> targets.isEmpty()
                    ? plan.steps().stream().map(Step::id).filter(id -> !id.equals(Topology.SEED))
                            .collect(Collectors.toCollection(LinkedHashSet::new)) : targets,
                    Deployment.Mode.APPLY);
        } finally {
            inv.finish(); // as the CLI does after every command: the environment lock goes back
        }
    }

    private int buildAmi(BuildAmiRun.Request request) throws Exception {
        Invocation inv = invocation();
        try {
            return new BuildAmiRun(inv, request).run();
        } finally {
            inv.finish();
        }
    }

    private Stack stack(String name) {
        return plain.cloudFormation().describeStacks(b -> b.stackName(name)).stacks().get(0);
    }

    private static String param(Stack s, String key) {
        return s.parameters().stream().filter(p -> p.parameterKey().equals(key)).findFirst().orElseThrow().parameterValue();
    }

    private Image image(String id) {
        return plain.ec2().describeImages(b -> b.imageIds(id)).images().get(0);
    }

    private static String tag(Image i, String key) {
        return i.tags().stream().filter(t -> t.key().equals(key)).findFirst().map(t -> t.value()).orElse("");
    }

    @Test
    void deployAllBuildsTheAmiOnceAndFeedsItToTheEmrStackAndASecondRunBuildsAndUploadsNothing() throws Exception {
        assertEquals(0, deploy("deploy all", Set.of()), out + "\n" + err);

        Stack ami = stack("demo-ami");
        assertEquals("CREATE_COMPLETE", ami.stackStatusAsString());
        assertEquals(BUNDLE.key(), param(ami, "PackerBundleKey"), "the stack points CodeBuild at the content-addressed zip");
        Map<String, String> meta = plain.s3().headObject(b -> b.bucket("demo-hail-bucket").key(BUNDLE.key())).metadata();
        assertEquals(Map.of("sha256", BUNDLE.sha256()), meta);
        assertEquals(BUNDLE.size(), plain.s3().getObjectAsBytes(b -> b.bucket("demo-hail-bucket").key(BUNDLE.key()))
                .asByteArray().length);
        assertEquals("demo-hail-bucket/" + BUNDLE.key(), plain.codeBuild().batchGetProjects(b -> b.names("demo-hail-ami"))
                .projects().get(0).source().location(), "the (stood-in) project's source is that object");

        assertEquals(1, packer.started().size(), "one build");
        PackerStandIn.Started build = packer.started().get(0);
        assertEquals(Map.of("HAIL_VERSION", "0.2.139", "VEP_VERSION", "none", "EMR_RELEASE_LABEL", "emr-7.12.0",
                "PACKER_BUNDLE_SHA256", BUNDLE.sha256()), build.overrides());
        assertEquals(build.amiId(), param(stack("demo-emr-hail"), "CustomAmiId"), "the built AMI went to the EMR stack");
        assertEquals(BUNDLE.sha256(), tag(image(build.amiId()), "hailctl:packer-bundle"), "recorded for reuse");
        assertEquals(build.amiId(), plain.ssm().getParameter(b -> b.name("/hail/demo/ami/latest")).parameter().value());
        assertEquals(List.of("S3.PutObject " + BUNDLE.key()), calls.matching("S3.PutObject"));
        assertTrue(out.toString().contains("AmiId: " + build.amiId()), out.toString());

        calls.clear();
        out.getBuffer().setLength(0);
        assertEquals(0, deploy("deploy all", Set.of()), out + "\n" + err);
        assertEquals(1, packer.started().size(), "no second build for the same versions and bundle");
        assertEquals(List.of(), calls.matching("S3.PutObject"), "an unchanged bundle is not uploaded again");
        assertEquals(List.of(), calls.matching("CodeBuild.StartBuild"));
        assertEquals(List.of(), calls.matching("CloudFormation.UpdateStack"), "nothing changed anywhere");
        assertEquals(build.amiId(), param(stack("demo-emr-hail"), "CustomAmiId"));
        assertTrue(out.toString().contains(build.amiId() + " already built for Hail 0.2.139, VEP none, emr-7.12.0, bundle "
                + BUNDLE.sha256().substring(0, 12)), out.toString());

        // status sees the same build through the same CodeBuild and SSM ports.
        io.hailctl.testing.CliRun.Result status = new io.hailctl.testing.CliRun().against(moto).workingDir(dir).run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("  last build  SUCCEEDED " + build.buildId()), status.out());
    }

    @Test
    void buildAmiWithOtherVersionsOverridesThemForTheBuildAndDeployEmrThenUsesThatAmiWithoutBuilding() throws Exception {
        assertEquals(0, deploy("deploy s3 network", Set.of(Topology.S3, Topology.NETWORK)), out + "\n" + err);
        out.getBuffer().setLength(0);

        int code = buildAmi(new BuildAmiRun.Request(Optional.of("0.2.138"), Optional.of("116"), false, Optional.empty(),
                false, false));
        assertEquals(0, code, out + "\n" + err);
        assertEquals(1, packer.started().size());
        PackerStandIn.Started build = packer.started().get(0);
        assertEquals("0.2.138", build.overrides().get("HAIL_VERSION"));
        assertEquals("116", build.overrides().get("VEP_VERSION"));
        assertEquals("0.2.139", param(stack("demo-ami"), "HailVersion"), "the stack keeps hailctl.yaml's versions");
        assertEquals("0.2.138", tag(image(build.amiId()), "hail-version"), "the build saw the override");
        assertTrue(out.toString().contains("AMI " + build.amiId() + " (Hail 0.2.138, VEP 116, emr-7.12.0) is ready, built by "
                + build.buildId() + "; the build recorded it in SSM /hail/demo/ami/latest."), out.toString());
        assertTrue(out.toString().contains("`hailctl deploy emr` uses it (ami.source: build)."), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, deploy("deploy emr", Set.of(Topology.emr("hail"))), out + "\n" + err);
        assertEquals(1, packer.started().size(), "deploy emr never starts a build");
        assertEquals(build.amiId(), param(stack("demo-emr-hail"), "CustomAmiId"),
                "no AMI for hailctl.yaml's versions yet: the recorded one is used");
        assertTrue(out.toString().contains("no AMI built for Hail 0.2.139, VEP none, emr-7.12.0, bundle "
                + BUNDLE.sha256().substring(0, 12) + " yet: using the latest built one, " + build.amiId()), out.toString());
    }

    @Test
    void attachingToTheLatestBuildFindsItsAmiWithoutStartingAnother() throws Exception {
        assertEquals(0, deploy("deploy s3 network", Set.of(Topology.S3, Topology.NETWORK)), out + "\n" + err);
        assertEquals(0, buildAmi(new BuildAmiRun.Request(Optional.empty(), Optional.empty(), true, Optional.empty(),
                false, false)), out + "\n" + err);
        PackerStandIn.Started build = packer.started().get(0);
        assertTrue(out.toString().contains("Attach to it: hailctl build-ami --attach " + build.buildId() + " [--follow]"),
                out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, buildAmi(new BuildAmiRun.Request(Optional.empty(), Optional.empty(), false, Optional.of(""),
                false, false)), out + "\n" + err);
        assertEquals(1, packer.started().size());
        assertTrue(out.toString().contains("AMI " + build.amiId() + " from build " + build.buildId() + "."), out.toString());
    }
}
