package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.bundle.Bundle;
import io.hailctl.bundle.PackerBundle;
import io.hailctl.deploy.Deployment;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.OperationLog;
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
 * `ami.source: build` against moto behind hailctl's emulator stand-in (in-process, with the gaps
 * `--local` has: the AMI stack's CodeBuild project, builds going through their phases over a few
 * seconds with their log in CloudWatch Logs and the buildspec's publish step), through the real
 * composition (DeployRun, BuildAmiRun, Wiring, the bundled templates and Packer bundle). It builds its
 * {@link Invocation} itself to observe the AWS calls hailctl makes.
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
    private StandIn standIn;
    private final List<String> standInLog = java.util.Collections.synchronizedList(new java.util.ArrayList<>());
    private AwsClients plain;
    private AwsClients hailctl;
    private final OperationLog calls = new OperationLog();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeEach
    void setUp(Moto moto) throws Exception {
        this.moto = moto;
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        startStandIn(Map.of());
    }

    private void startStandIn(Map<String, String> env) {
        standIn = moto.standIn(standInLog::add, env);
        plain = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of());
        hailctl = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of(), List.of(calls));
    }

    @AfterEach
    void tearDown() {
        hailctl.close();
        plain.close();
        standIn.close();
        assertEquals(List.of(), standInLog, "the stand-in logged no problem");
    }

    /** A build as CodeBuild (the stand-in) describes it, with the AMI tagged with its id. */
    private record Started(String buildId, Map<String, String> environment, String amiId) {
    }

    /** The project's builds, oldest first. */
    private List<Started> builds() {
        List<String> ids;
        try {
            ids = new java.util.ArrayList<>(plain.codeBuild().listBuildsForProject(b -> b.projectName("demo-hail-ami")).ids());
        } catch (software.amazon.awssdk.services.codebuild.model.ResourceNotFoundException e) {
            return List.of();
        }
        java.util.Collections.reverse(ids);
        List<Started> out = new java.util.ArrayList<>();
        for (var b : ids.isEmpty() ? List.<software.amazon.awssdk.services.codebuild.model.Build>of()
                : plain.codeBuild().batchGetBuilds(r -> r.ids(ids)).builds()) {
            Map<String, String> env = new java.util.LinkedHashMap<>();
            b.environment().environmentVariables().forEach(v -> env.put(v.name(), v.value()));
            String ami = plain.ec2().describeImages(r -> r.owners("self").filters(f -> f.name("tag:hailctl:build-id")
                    .values(b.id()))).images().stream().map(Image::imageId).findFirst().orElse("");
            out.add(new Started(b.id(), env, ami));
        }
        return out;
    }

    private static Map<String, String> only(Map<String, String> env, String... keys) {
        Map<String, String> out = new java.util.LinkedHashMap<>();
        for (String k : keys) {
            out.put(k, env.get(k));
        }
        return out;
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
        var project = plain.codeBuild().batchGetProjects(b -> b.names("demo-hail-ami")).projects().get(0);
        assertEquals("demo-hail-bucket/" + BUNDLE.key(), project.source().location(),
                "the project (made from the template by the stand-in) reads that object");
        assertEquals("/aws/codebuild/demo-hail-ami", project.logsConfig().cloudWatchLogs().groupName());
        assertEquals(240, project.timeoutInMinutes());
        assertTrue(project.serviceRole().startsWith("arn:aws:iam::123456789012:role/"), project.serviceRole());

        assertEquals(1, builds().size(), "one build");
        Started build = builds().get(0);
        assertEquals(Map.of("HAIL_VERSION", "0.2.139", "VEP_VERSION", "none", "EMR_RELEASE_LABEL", "emr-7.12.0",
                "PACKER_BUNDLE_SHA256", BUNDLE.sha256()), only(build.environment(), "HAIL_VERSION", "VEP_VERSION",
                "EMR_RELEASE_LABEL", "PACKER_BUNDLE_SHA256"));
        assertEquals(build.amiId(), param(stack("demo-emr-hail"), "CustomAmiId"), "the built AMI went to the EMR stack");
        assertEquals(BUNDLE.sha256(), tag(image(build.amiId()), "hailctl:packer-bundle"), "recorded for reuse");
        assertEquals(build.amiId(), plain.ssm().getParameter(b -> b.name("/hail/demo/ami/latest")).parameter().value());
        assertEquals(List.of("S3.PutObject " + BUNDLE.key()), calls.matching("S3.PutObject"));
        assertTrue(out.toString().contains("AmiId: " + build.amiId()), out.toString());

        calls.clear();
        out.getBuffer().setLength(0);
        assertEquals(0, deploy("deploy all", Set.of()), out + "\n" + err);
        assertEquals(1, builds().size(), "no second build for the same versions and bundle");
        assertEquals(List.of(), calls.matching("S3.PutObject"), "an unchanged bundle is not uploaded again");
        assertEquals(List.of(), calls.matching("CodeBuild.StartBuild"));
        assertEquals(List.of(), calls.matching("CloudFormation.UpdateStack"), "nothing changed anywhere");
        assertEquals(build.amiId(), param(stack("demo-emr-hail"), "CustomAmiId"));
        assertTrue(out.toString().contains(build.amiId() + " already built for Hail 0.2.139, VEP none, emr-7.12.0, bundle "
                + BUNDLE.sha256().substring(0, 12)), out.toString());

        // status sees the same build through the same CodeBuild and SSM ports.
        CliRun.Result status = new CliRun().against(standIn.endpoint()).workingDir(dir).run("status");
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("  last build  SUCCEEDED " + build.buildId()), status.out());
        assertTrue(status.out().contains("  in use      " + build.amiId()), status.out());
        CliRun.Result amis = new CliRun().against(standIn.endpoint()).workingDir(dir).run("amis");
        assertEquals(0, amis.exitCode(), amis.toString());
        assertTrue(amis.out().contains("deploy would use (ami.source: build): " + build.amiId() + ", built for Hail 0.2.139, "
                + "VEP none, emr-7.12.0, bundle " + BUNDLE.sha256().substring(0, 12)), amis.out());
    }

    @Test
    void buildAmiWithOtherVersionsOverridesThemForTheBuildAndDeployEmrThenUsesThatAmiWithoutBuilding() throws Exception {
        assertEquals(0, deploy("deploy s3 network", Set.of(Topology.S3, Topology.NETWORK)), out + "\n" + err);
        out.getBuffer().setLength(0);

        int code = buildAmi(new BuildAmiRun.Request(Optional.of("0.2.138"), Optional.of("116"), false, Optional.empty(),
                true, false));
        assertEquals(0, code, out + "\n" + err);
        String followed = out.toString();
        for (String phase : List.of("QUEUED", "PROVISIONING", "DOWNLOAD_SOURCE", "INSTALL", "PRE_BUILD", "BUILD", "POST_BUILD",
                "UPLOAD_ARTIFACTS", "FINALIZING")) {
            assertTrue(followed.contains(" ami                  " + phase + " SUCCEEDED"), phase + " reported:\n" + followed);
        }
        assertTrue(followed.contains(" ami                  log [Container] "), followed);
        assertTrue(followed.contains("Running command packer build -color=false -timestamp-ui ."), followed);
        assertEquals(1, builds().size());
        Started build = builds().get(0);
        assertEquals("0.2.138", build.environment().get("HAIL_VERSION"));
        assertEquals("116", build.environment().get("VEP_VERSION"));
        assertEquals("0.2.139", param(stack("demo-ami"), "HailVersion"), "the stack keeps hailctl.yaml's versions");
        assertEquals("0.2.138", tag(image(build.amiId()), "hail-version"), "the build saw the override");
        assertTrue(followed.contains(" ami                  log publish-ami: /hail/demo/ami/latest = " + build.amiId()), followed);
        assertTrue(out.toString().contains("AMI " + build.amiId() + " (Hail 0.2.138, VEP 116, emr-7.12.0) is ready, built by "
                + build.buildId() + "; the build recorded it in SSM /hail/demo/ami/latest."), out.toString());
        assertTrue(out.toString().contains("`hailctl deploy emr` uses it (ami.source: build)."), out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, deploy("deploy emr", Set.of(Topology.emr("hail"))), out + "\n" + err);
        assertEquals(1, builds().size(), "deploy emr never starts a build");
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
        Started build = builds().get(0);
        assertTrue(out.toString().contains("Attach to it: hailctl build-ami --attach " + build.buildId() + " [--follow]"),
                out.toString());

        out.getBuffer().setLength(0);
        assertEquals(0, buildAmi(new BuildAmiRun.Request(Optional.empty(), Optional.empty(), false, Optional.of(""),
                false, false)), out + "\n" + err);
        assertEquals(1, builds().size());
        String ami = builds().get(0).amiId();
        assertTrue(out.toString().contains("AMI " + ami + " from build " + build.buildId() + "."), out.toString());
    }

    @Test
    void aBuildStartedWithNoWaitIsAttachedToByTheNextBuildAmiOfTheSameVersions() throws Exception {
        assertEquals(0, deploy("deploy s3 network", Set.of(Topology.S3, Topology.NETWORK)), out + "\n" + err);
        assertEquals(0, buildAmi(new BuildAmiRun.Request(Optional.empty(), Optional.empty(), true, Optional.empty(),
                false, false)), out + "\n" + err);
        String id = builds().get(0).buildId();

        out.getBuffer().setLength(0);
        calls.clear();
        assertEquals(0, buildAmi(new BuildAmiRun.Request(Optional.empty(), Optional.empty(), false, Optional.empty(),
                false, false)), out + "\n" + err);
        assertEquals(List.of(), calls.matching("CodeBuild.StartBuild"), "attached, not started");
        assertTrue(out.toString().contains("build " + id + " for the same versions is already running: attaching to it"),
                out.toString());
        String ami = builds().get(0).amiId();
        assertTrue(out.toString().contains("AMI " + ami + " (Hail 0.2.139, VEP none, emr-7.12.0) is ready, built by " + id),
                out.toString());
    }

    @Test
    void aFailedBuildNamesItsPhaseAndReasonShowsTheLastLogLinesAndTheClusterWaits() throws Exception {
        tearDown();
        startStandIn(Map.of("HAILCTL_STANDIN_FAIL_BUILD", "BUILD"));
        assertEquals(1, deploy("deploy all", Set.of()), out + "\n" + err);

        Started build = builds().get(0);
        assertEquals("", build.amiId(), "a failed build publishes no AMI");
        String text = out.toString();
        assertTrue(text.contains("build " + build.buildId() + " FAILED in phase BUILD: COMMAND_EXECUTION_ERROR: Error while "
                + "executing command: packer build -color=false -timestamp-ui .. Reason: exit status 1"), text);
        assertTrue(text.contains("last 20 lines of the log of build " + build.buildId() + ":"), text);
        assertTrue(text.contains("publish-ami: the build failed; nothing to publish"), text);
        assertTrue(text.contains("emr-hail             skipped: needs ami, which failed"), text);
        assertEquals(List.of(), plain.cloudFormation().listStacks().stackSummaries().stream()
                .filter(st -> st.stackName().equals("demo-emr-hail")).toList(), "no cluster without its AMI");
    }
}
