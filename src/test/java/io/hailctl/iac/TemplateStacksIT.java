package io.hailctl.iac;

import io.hailctl.aws.AwsClients;
import io.hailctl.bundle.Bundle;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.MotoIam;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Output;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.emr.model.InstanceGroup;
import software.amazon.awssdk.services.emr.model.InstanceGroupType;

import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.sts.model.Credentials;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every bundled template, created as a stack in the emulator (moto 5.2.5) with realistic
 * parameters through the SDK's CloudFormation client, returns every output the CLI codes against.
 *
 * <p>Emulator gaps these tests live with (AWS behaves differently; the templates are written for
 * AWS and stay correct there, see cloudformation/README.md):
 * <ul>
 *   <li>SageMaker notebook and lifecycle-config names are generated
 *       ({@code <stack>-NotebookInstance-<random>}) instead of {@code <env>-<user>}: the outputs
 *       use {@code Fn::GetAtt}, so they name what really exists in both.</li>
 *   <li>S3 bucket policies, CodeBuild projects and {@code AWS::IAM::RolePolicy} are skipped;
 *       bucket settings, EMR applications/bootstrap actions/steps/configurations, template
 *       {@code Rules} and parameter constraints are not evaluated (scripts/lint-iac covers them).</li>
 *   <li>EMR clusters created by a template are TERMINATED at once, keep no security
 *       configuration, and GetManagedScalingPolicy fails for them.</li>
 *   <li>{@code Number} parameters become integers (breaking {@code Fn::Equals} with strings and
 *       map keys) and {@code Fn::Select} cannot take a {@code Ref} index: the templates avoid both.</li>
 * </ul>
 */
@ExtendWith(MotoExtension.class)
class TemplateStacksIT {
    private static final String ENV = "dev";
    private final Bundle bundle = new Bundle();
    private Moto moto;

    @BeforeEach
    void setUp(Moto moto) {
        this.moto = moto;
    }

    @Test
    void everyTemplateCreatesWithAllItsOutputs() {
        try (AwsClients aws = moto.clients()) {
            Subnet subnet = aws.ec2().describeSubnets(r -> r.filters(
                    Filter.builder().name("default-for-az").values("true").build())).subnets().get(0);

            Map<String, String> s3 = create(aws, "hail-s3.yml", ENV + "-s3", Map.of(
                    "EnvironmentName", ENV,
                    "HailBucketName", "dev-hail-test-bucket",
                    "LogBucketName", "dev-hail-test-logs",
                    "JupyterBucketName", "dev-hail-test-jupyter",
                    "PublishLegacySsmParameters", "true"),
                    "HailBucket", "HailBucketArn", "LogBucket", "LogBucketArn", "JupyterBucket", "JupyterBucketArn");
            assertEquals("dev-hail-test-bucket", s3.get("HailBucket"));
            assertEquals("arn:aws:s3:::dev-hail-test-jupyter", s3.get("JupyterBucketArn"));
            assertTrue(aws.s3().listBuckets().buckets().stream().anyMatch(b -> b.name().equals("dev-hail-test-logs")));
            for (String[] p : new String[][] {
                    {"/hail/dev/s3/hail", "dev-hail-test-bucket"}, {"/hail/dev/s3/emrlogs", "dev-hail-test-logs"},
                    {"/hail/dev/s3/sagemaker", "dev-hail-test-jupyter"}, {"/hail/dev/s3/roda", "hail-vep-pipeline"},
                    {"/hail/s3/hail", "dev-hail-test-bucket"}}) {
                assertEquals(p[1], aws.ssm().getParameter(r -> r.name(p[0])).parameter().value(), p[0]);
            }

            Map<String, String> net = create(aws, "hail-network.yml", ENV + "-network", Map.of(
                    "EnvironmentName", ENV, "VpcId", subnet.vpcId()),
                    "NotebookSecurityGroupId", "EmrMasterSecurityGroupId", "EmrWorkerSecurityGroupId");
            var master = aws.ec2AllOperations().describeSecurityGroups(r -> r.groupIds(net.get("EmrMasterSecurityGroupId")))
                    .securityGroups().get(0);
            assertEquals(8998, master.ipPermissions().get(0).fromPort());
            assertEquals(net.get("NotebookSecurityGroupId"),
                    master.ipPermissions().get(0).userIdGroupPairs().get(0).groupId(), "Livy only from the notebooks");
            assertTrue(master.ipPermissions().get(0).ipRanges().isEmpty(), "no CIDR ingress");

            Map<String, String> nbBase = Map.of("EnvironmentName", ENV, "SubnetId", subnet.subnetId(),
                    "NotebookSecurityGroupId", net.get("NotebookSecurityGroupId"),
                    "JupyterBucket", s3.get("JupyterBucket"), "HailBucket", s3.get("HailBucket"));
            for (Map<String, String> extra : List.of(
                    Map.of("UserName", "alice"),
                    Map.of("UserName", "bob", "AllowSsmShell", "true", "EfsFileSystemId", "fs-0123456789abcdef0",
                            "EfsAccessPointId", "fsap-0123456789abcdef0", "InstanceType", "ml.t3.2xlarge",
                            "PlatformIdentifier", "notebook-al2023-v1"))) {
                Map<String, String> params = new LinkedHashMap<>(nbBase);
                params.putAll(extra);
                Map<String, String> nb = create(aws, "hail-jupyter.yml", ENV + "-jupyter-" + extra.get("UserName"), params,
                        "NotebookInstanceName", "NotebookRoleArn", "LifecycleConfigName", "NotebookUrl");
                String name = nb.get("NotebookInstanceName");
                assertEquals(name, aws.sageMaker().describeNotebookInstance(r -> r.notebookInstanceName(name))
                        .notebookInstanceName(), "the output names the notebook that exists");
                assertEquals("https://" + name + ".notebook.us-east-1.sagemaker.aws/lab", nb.get("NotebookUrl"));
                assertTrue(nb.get("NotebookRoleArn").startsWith("arn:aws:iam::" + Moto.ACCOUNT + ":role/"), nb.toString());
            }

            Map<String, String> ami = create(aws, "hail-ami.yml", ENV + "-ami", Map.of(
                    "EnvironmentName", ENV, "HailBucket", s3.get("HailBucket"),
                    "VpcId", subnet.vpcId(), "SubnetId", subnet.subnetId(), "VepVersion", "116"),
                    "BuildProjectName", "AmiParameterName", "LogGroupName", "BuildSecurityGroupId");
            assertEquals("dev-hail-ami", ami.get("BuildProjectName"));
            assertEquals("/hail/dev/ami/latest", ami.get("AmiParameterName"));
            assertEquals("/aws/codebuild/dev-hail-ami", ami.get("LogGroupName"));
            assertTrue(aws.logs().describeLogGroups(r -> r.logGroupNamePrefix("/aws/codebuild/dev-hail-ami"))
                    .logGroups().stream().anyMatch(g -> g.retentionInDays() == 90), "log group with retention");

            Map<String, String> emrBase = Map.of("EnvironmentName", ENV, "SubnetId", subnet.subnetId(),
                    "EmrMasterSecurityGroupId", net.get("EmrMasterSecurityGroupId"),
                    "EmrWorkerSecurityGroupId", net.get("EmrWorkerSecurityGroupId"),
                    "LogBucket", s3.get("LogBucket"), "HailBucket", s3.get("HailBucket"));
            record Cluster(Map<String, String> extra, int taskGroups) { }
            for (Cluster c : List.of(
                    new Cluster(Map.of("ClusterName", "main"), 0),
                    new Cluster(Map.of("ClusterName", "big", "CoreInstanceCount", "3", "TaskInstanceMin", "1",
                            "TaskInstanceMax", "12", "TaskMarket", "SPOT", "IdleTimeoutSeconds", "3600",
                            "AllowSsmShell", "true", "EfsFileSystemId", "fs-0123456789abcdef0"), 1),
                    new Cluster(Map.of("ClusterName", "rules", "ScalingMode", "rules", "TaskInstanceMax", "10",
                            "CustomAmiId", "ami-0123456789abcdef0", "KeyName", "ops",
                            "KmsKeyArn", "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab",
                            "ExtraInstancePolicyArn", "arn:aws:iam::123456789012:policy/data-buckets"), 1))) {
                Map<String, String> params = new LinkedHashMap<>(emrBase);
                params.putAll(c.extra());
                String cluster = c.extra().get("ClusterName");
                Map<String, String> emr = create(aws, "hail-emr.yml", ENV + "-emr-" + cluster, params,
                        "ClusterId", "ClusterName", "LivyPort", "PlotsLocation", "InstanceProfileName", "ServiceRoleName");
                assertEquals("dev-" + cluster, emr.get("ClusterName"));
                assertEquals("8998", emr.get("LivyPort"));
                assertEquals("s3://dev-hail-test-bucket/plots/" + cluster + "/", emr.get("PlotsLocation"));
                var described = aws.emr().describeCluster(r -> r.clusterId(emr.get("ClusterId"))).cluster();
                assertEquals("dev-" + cluster, described.name());
                Map<String, String> tags = described.tags().stream()
                        .collect(Collectors.toMap(t -> t.key(), t -> t.value()));
                assertEquals("true", tags.get("for-use-with-amazon-emr-managed-policies"));
                assertEquals(c.extra().getOrDefault("AllowSsmShell", "false"), tags.get("allow-emr-ssm"));
                assertEquals(emr.get("PlotsLocation"), tags.get("hailctl:plots-location"));
                assertEquals("Hail", tags.get("workspace"));
                List<InstanceGroup> tasks = aws.emr().listInstanceGroups(r -> r.clusterId(emr.get("ClusterId")))
                        .instanceGroups().stream().filter(g -> g.instanceGroupType() == InstanceGroupType.TASK).toList();
                assertEquals(c.taskGroups(), tasks.size(), "TaskInstanceMax 0 means no task group");
            }
        }
    }

    /**
     * The notebook role really is confined to its user's prefix: with the emulator's IAM
     * enforcement switched on, a session of alice's notebook role reads and writes under
     * {@code alice/}, reads the shared {@code common-notebooks/} and the Hail bucket, and is denied
     * bob's prefix, writes to shared content and writes to the Hail bucket. The policies evaluated
     * are the ones CloudFormation created from the template. (The emulator does not evaluate policy
     * conditions, so the prefix-limited s3:ListBucket is checked statically by
     * {@code scripts/lint-iac rules} instead.)
     */
    @Test
    void notebookRoleReachesOnlyItsOwnPrefix() throws Exception {
        String jupyter = "dev-iso-jupyter";
        String hail = "dev-iso-hail";
        Credentials session;
        try (AwsClients aws = moto.clients()) {
            Subnet subnet = aws.ec2().describeSubnets().subnets().get(0);
            for (String b : List.of(jupyter, hail)) {
                aws.s3().createBucket(r -> r.bucket(b));
            }
            for (String key : List.of("alice/analysis.ipynb", "bob/private.ipynb", "common-notebooks/hail-plotting-example.ipynb")) {
                aws.s3().putObject(r -> r.bucket(jupyter).key(key), RequestBody.fromString("{}"));
            }
            aws.s3().putObject(r -> r.bucket(hail).key("plots/main/app/dp.html"), RequestBody.fromString("<html/>"));
            String sg = aws.ec2AllOperations().createSecurityGroup(r -> r.groupName("iso-nb").description("t").vpcId(subnet.vpcId())).groupId();
            Map<String, String> nb = create(aws, "hail-jupyter.yml", "dev-jupyter-alice", Map.of(
                    "EnvironmentName", ENV, "UserName", "alice", "SubnetId", subnet.subnetId(),
                    "NotebookSecurityGroupId", sg, "JupyterBucket", jupyter, "HailBucket", hail),
                    "NotebookRoleArn");
            String role = nb.get("NotebookRoleArn").substring(nb.get("NotebookRoleArn").lastIndexOf('/') + 1);
            // moto keeps CloudFormation-made inline policies in a form its enforcement fails on (HTTP 500): MotoIam.
            try (IamClient iam = MotoIam.client(moto.endpoint(), new MotoIam.Key("test", "test"))) {
                MotoIam.storeInlinePoliciesAsJson(iam, role);
            }
            session = aws.sts().assumeRole(r -> r.roleArn(nb.get("NotebookRoleArn")).roleSessionName("alice-notebook"))
                    .credentials();
        }
        MotoIam.enforcement(moto.endpoint(), true); // from now on every request is checked against the caller's IAM policies
        try (S3Client s3 = S3Client.builder()
                .endpointOverride(moto.endpoint())
                .region(Region.of(Moto.REGION))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                        session.accessKeyId(), session.secretAccessKey(), session.sessionToken())))
                .build()) {
            assertEquals("{}", s3.getObjectAsBytes(r -> r.bucket(jupyter).key("alice/analysis.ipynb")).asUtf8String());
            s3.putObject(r -> r.bucket(jupyter).key("alice/new.ipynb"), RequestBody.fromString("{}"));
            s3.getObjectAsBytes(r -> r.bucket(jupyter).key("common-notebooks/hail-plotting-example.ipynb"));
            s3.getObjectAsBytes(r -> r.bucket(hail).key("plots/main/app/dp.html"));
            assertDenied(() -> s3.getObjectAsBytes(r -> r.bucket(jupyter).key("bob/private.ipynb")), "read bob's notebook");
            assertDenied(() -> s3.putObject(r -> r.bucket(jupyter).key("bob/planted.ipynb"), RequestBody.fromString("{}")),
                    "write into bob's prefix");
            assertDenied(() -> s3.putObject(r -> r.bucket(jupyter).key("common-notebooks/x.ipynb"), RequestBody.fromString("{}")),
                    "overwrite shared notebooks");
            assertDenied(() -> s3.deleteObject(r -> r.bucket(jupyter).key("bob/private.ipynb")), "delete bob's notebook");
            assertDenied(() -> s3.putObject(r -> r.bucket(hail).key("plots/x.html"), RequestBody.fromString("x")),
                    "write to the Hail bucket");
        } finally {
            MotoIam.enforcement(moto.endpoint(), false);
        }
    }

    private static void assertDenied(Runnable call, String what) {
        try {
            call.run();
        } catch (S3Exception e) {
            assertEquals(403, e.statusCode(), what + ": " + e.getMessage());
            return;
        }
        throw new AssertionError("the notebook role could " + what);
    }

    /** Creates a stack, asserts CREATE_COMPLETE and the expected outputs, returns all outputs. */
    private Map<String, String> create(AwsClients aws, String template, String stackName, Map<String, String> params,
                                       String... expectedOutputs) {
        aws.cloudFormation().createStack(r -> r.stackName(stackName)
                .templateBody(bundle.text("cloudformation/" + template))
                .capabilities(Capability.CAPABILITY_IAM)
                .parameters(params.entrySet().stream()
                        .map(e -> Parameter.builder().parameterKey(e.getKey()).parameterValue(e.getValue()).build())
                        .toList()));
        Stack stack = aws.cloudFormation().describeStacks(r -> r.stackName(stackName)).stacks().get(0);
        assertEquals(StackStatus.CREATE_COMPLETE, stack.stackStatus(), stackName);
        Map<String, String> outputs = stack.outputs().stream()
                .collect(Collectors.toMap(Output::outputKey, Output::outputValue, (a, b) -> a, LinkedHashMap::new));
        Set<String> missing = new TreeSet<>(Set.of(expectedOutputs));
        missing.removeAll(outputs.keySet());
        assertEquals(Set.of(), missing, stackName + " (" + template + ") lacks outputs; it returned " + outputs);
        outputs.forEach((k, v) -> assertTrue(v != null && !v.isBlank(), stackName + " output " + k + " is empty"));
        return outputs;
    }
}
