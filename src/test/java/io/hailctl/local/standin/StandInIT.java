package io.hailctl.local.standin;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.aws.EmulatorStacks;
import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;
import io.hailctl.local.standin.cfn.StackChanges;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The stand-in in front of a real moto server: transparent where it fills no gap, and its gap chain. */
@ExtendWith(MotoExtension.class)
class StandInIT {
    private static final String TEMPLATE = """
            Parameters:
              Env: {Type: String}
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {BucketName: !Sub "${Env}-standin-bucket"}
              Project:
                Type: AWS::CodeBuild::Project
                Properties:
                  Name: !Sub "${Env}-project"
                  Source: {Type: S3, Location: !Sub "${Bucket}/bundle.zip"}
            """;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());

    @Test
    void s3ObjectsKeepTheirSizeAndBytesThroughTheStandIn(Moto moto) {
        try (StandIn standIn = moto.standIn(log::add); AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            aws.s3().createBucket(b -> b.bucket("plain"));
            aws.s3().putObject(b -> b.bucket("plain").key("a/b.txt"), RequestBody.fromString("twelve bytes"));
            assertEquals(12L, aws.s3().headObject(b -> b.bucket("plain").key("a/b.txt")).contentLength(),
                    "HEAD keeps moto's Content-Length");
            assertEquals("twelve bytes", aws.s3().getObjectAsBytes(b -> b.bucket("plain").key("a/b.txt")).asUtf8String());
            assertEquals(List.of("a/b.txt"), aws.s3().listObjectsV2(b -> b.bucket("plain")).contents().stream().map(o -> o.key()).toList());
        }
        assertEquals(List.of(), log);
    }

    @Test
    void aMaterialiserSeesTheResolvedPropertiesOfEachCreateAndDelete(Moto moto) throws Exception {
        List<String> seen = Collections.synchronizedList(new ArrayList<>());
        Materialiser projects = new Materialiser() {
            @Override
            public String resourceType() {
                return "AWS::CodeBuild::Project";
            }

            @Override
            public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
                seen.add("created " + stack.name() + " " + logicalId + " " + properties);
            }

            @Override
            public void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
                seen.add("deleted " + logicalId + " " + properties.get("Name"));
            }
        };
        try (AwsClients direct = moto.clients();
             StandIn standIn = StandIn.start(moto.endpoint(), List.of(new StackChanges(
                     new EmulatorStacks(direct.cloudFormation(), Moto.REGION, Moto.ACCOUNT), List.of(projects), log::add)), 0, log::add);
             AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            aws.cloudFormation().createStack(b -> b.stackName("t").templateBody(TEMPLATE)
                    .parameters(p -> p.parameterKey("Env").parameterValue("dev")));
            assertEquals(List.of("created t Project {Name=dev-project, Source={Type=S3, Location=dev-standin-bucket/bundle.zip}}"), seen);
            aws.cloudFormation().deleteStack(b -> b.stackName("t"));
            assertEquals("deleted Project dev-project", seen.get(1));
        }
    }

    @Test
    void aFailingMaterialiserIsOneErrorNamingItAndLeavesNoStack(Moto moto) throws Exception {
        Materialiser broken = new Materialiser() {
            @Override
            public String resourceType() {
                return "AWS::CodeBuild::Project";
            }

            @Override
            public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
                throw new IllegalStateException("no such image");
            }
        };
        try (AwsClients direct = moto.clients();
             StandIn standIn = StandIn.start(moto.endpoint(), List.of(new StackChanges(
                     new EmulatorStacks(direct.cloudFormation(), Moto.REGION, Moto.ACCOUNT), List.of(broken), log::add)), 0, log::add);
             AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            CloudFormationException e = assertThrows(CloudFormationException.class, () -> aws.cloudFormation()
                    .createStack(b -> b.stackName("u").templateBody(TEMPLATE).parameters(p -> p.parameterKey("Env").parameterValue("x"))));
            assertEquals(400, e.statusCode(), "not retried: a retry could not succeed");
            assertTrue(e.getMessage().startsWith("stand-in: u Project (AWS::CodeBuild::Project): no such image"), e.getMessage());
            assertTrue(log.contains("stand-in: u Project (AWS::CodeBuild::Project): no such image"), log.toString());
            assertEquals(List.of(), direct.cloudFormation().describeStacks().stacks().stream()
                    .filter(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE")).toList(), "the half-made stack was removed");
        }
    }

    @Test
    void theStatusPageNamesMotoAndTheGaps(Moto moto) throws Exception {
        try (StandIn standIn = moto.standIn(log::add)) {
            java.net.HttpURLConnection c = (java.net.HttpURLConnection) URI.create(standIn.endpoint() + StandIn.STATUS_PATH)
                    .toURL().openConnection();
            String page = new String(c.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(page.startsWith("{\"standIn\":true,\"moto\":\"" + moto.endpoint() + "\",\"gaps\":[\"cloudformation-resources("), page);
        }
    }

    /** Everything `deploy all` does (stacks, EFS-less users, seed with checksums, status) works unchanged through the stand-in. */
    @Test
    void deployAllAndStatusRunThroughTheStandIn(Moto moto, @TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), """
                environment: demo
                network: {vpcId: default, subnetId: default}
                buckets: {hail: demo-hail-bucket, logs: demo-log-bucket, jupyter: demo-jupyter-bucket}
                users: [{name: alice}]
                """);
        try (StandIn standIn = moto.standIn(log::add)) {
            CliRun cli = new CliRun().against(standIn.endpoint()).workingDir(dir);
            CliRun.Result first = cli.run("deploy", "all", "--yes");
            assertEquals(0, first.exitCode(), first.toString());
            CliRun.Result again = cli.run("deploy", "all", "--yes");
            assertEquals(0, again.exitCode(), again.toString());
            assertTrue(again.out().contains("unchanged"), again.out());
            CliRun.Result status = cli.run("status");
            assertEquals(0, status.exitCode(), status.toString());
            assertTrue(status.out().contains("up to date"), status.out());
        }
        assertEquals(List.of(), log);
    }
}
