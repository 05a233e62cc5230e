package io.hailctl.deploy;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.DemoYaml;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.ec2.model.Subnet;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** `deploy all`, `plan` and `destroy` end to end: the real CLI, the real bundled templates, a real moto server. */
@ExtendWith(MotoExtension.class)
class DeployAllIT {

    @TempDir
    Path dir;
    private Moto moto;
    private final CallCounter calls = new CallCounter();

    @BeforeEach
    void setUp(Moto moto) {
        this.moto = moto;
    }

    private CliRun.Result hailctl(String subnet, String... args) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), DemoYaml.demo().subnet(subnet).users("alice", "bob").yaml());
        return new CliRun().against(moto).workingDir(dir).awsCalls(calls).run(args);
    }

    private Map<String, Stack> stacks(AwsClients aws) {
        Map<String, Stack> out = new HashMap<>();
        aws.cloudFormation().describeStacks().stacks().forEach(s -> out.put(s.stackName(), s));
        return out;
    }

    private static String param(Stack s, String key) {
        return s.parameters().stream().filter(p -> p.parameterKey().equals(key)).findFirst().orElseThrow().parameterValue();
    }

    private static String output(Stack s, String key) {
        return s.outputs().stream().filter(o -> o.outputKey().equals(key)).findFirst().orElseThrow().outputValue();
    }

    @Test
    void deployAllCreatesEveryStackWithOutputsFedForwardAndOneSharedSubnet() throws Exception {
        CliRun.Result r = hailctl("default", "deploy", "all", "--yes");
        assertEquals(0, r.exitCode(), r.toString());
        try (AwsClients aws = moto.clients()) {
            Map<String, Stack> stacks = stacks(aws);
            for (String name : List.of("demo-s3", "demo-network", "demo-jupyter-alice", "demo-jupyter-bob", "demo-emr-hail")) {
                assertEquals("CREATE_COMPLETE", stacks.get(name).stackStatusAsString(), name);
            }
            Stack s3 = stacks.get("demo-s3");
            Stack network = stacks.get("demo-network");
            Stack emr = stacks.get("demo-emr-hail");
            for (String user : List.of("alice", "bob")) {
                Stack nb = stacks.get("demo-jupyter-" + user);
                assertEquals(output(s3, "JupyterBucket"), param(nb, "JupyterBucket"));
                assertEquals(output(s3, "HailBucket"), param(nb, "HailBucket"));
                assertEquals(output(network, "NotebookSecurityGroupId"), param(nb, "NotebookSecurityGroupId"));
                assertEquals(param(emr, "SubnetId"), param(nb, "SubnetId"), "notebook and cluster share the subnet");
                assertEquals(user, param(nb, "UserName"));
            }
            assertEquals(output(s3, "LogBucket"), param(emr, "LogBucket"));
            assertEquals(output(network, "EmrMasterSecurityGroupId"), param(emr, "EmrMasterSecurityGroupId"));
            assertEquals(firstDefaultSubnet(aws).subnetId(), param(emr, "SubnetId"), "`default` = the first default subnet by zone");
            assertTrue(firstDefaultSubnet(aws).tags().stream().anyMatch(t -> t.key().equals("for-use-with-amazon-emr-managed-policies")
                    && t.value().equals("true")), "the subnet carries the tag EMR's v2 managed policy needs");
            assertEquals("demo-jupyter-bucket", output(s3, "JupyterBucket"));
            assertTrue(aws.s3().listObjectsV2(b -> b.bucket("demo-jupyter-bucket")).contents().stream()
                    .anyMatch(o -> o.key().equals("common-notebooks/hail-plotting-example.ipynb")), "seeded");
        }
        assertTrue(r.out().contains("Deploy done in"), r.out());
    }

    @Test
    void aSecondDeployAllMakesNoWriteCallAtAll() throws Exception {
        assertEquals(0, hailctl("default", "deploy", "all").exitCode());
        calls.clear();
        CliRun.Result again = hailctl("default", "deploy", "all");
        assertEquals(0, again.exitCode(), again.toString());
        assertEquals(List.of(), calls.writes(), "unchanged stacks and content: no create/update/put call");
        assertFalse(calls.all().isEmpty(), "it did read");
        assertTrue(again.out().contains("unchanged"), again.out());
    }

    @Test
    void movingToAnotherSubnetIsRefusedBeforeAnyWriteNamingBothSubnets() throws Exception {
        assertEquals(0, hailctl("default", "deploy", "all").exitCode());
        String used;
        String other;
        try (AwsClients aws = moto.clients()) {
            used = firstDefaultSubnet(aws).subnetId();
            other = aws.ec2().describeSubnets().subnets().stream().map(Subnet::subnetId).filter(s -> !s.equals(used))
                    .findFirst().orElseThrow();
        }
        calls.clear();
        CliRun.Result r = hailctl(other, "deploy", "all");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals("hailctl: stack demo-emr-hail uses subnet " + used + " but hailctl.yaml now says " + other
                + ": every notebook and cluster must share one subnet (Livy routing)", r.err().lines().findFirst().orElseThrow());
        assertEquals(List.of(), calls.writes(), "refused before any write");
    }

    @Test
    void planOnAFreshAccountListsCreatesAndWritesNothing() throws Exception {
        CliRun.Result r = hailctl("default", "plan");
        assertEquals(0, r.exitCode(), r.toString());
        assertTrue(r.out().contains("would create"), r.out());
        assertTrue(r.out().contains("JupyterBucket = (from s3.JupyterBucket once deployed)"), r.out());
        assertEquals(List.of(), calls.writes());
        try (AwsClients aws = moto.clients()) {
            assertTrue(aws.cloudFormation().describeStacks().stacks().isEmpty(), "no stack created by plan");
        }
    }

    @Test
    void destroyRemovesTheStacksAndKeepsBucketsThatHoldData() throws Exception {
        assertEquals(0, hailctl("default", "deploy", "all").exitCode());
        CliRun.Result r = hailctl("default", "destroy", "--yes");
        assertEquals(0, r.exitCode(), r.toString());
        try (AwsClients aws = moto.clients()) {
            assertTrue(aws.cloudFormation().describeStacks().stacks().isEmpty(), "every stack deleted");
            List<String> buckets = aws.s3().listBuckets().buckets().stream().map(b -> b.name()).toList();
            assertTrue(buckets.contains("demo-jupyter-bucket"), "the seeded jupyter bucket holds data: kept");
            assertFalse(buckets.contains("demo-hail-bucket"), "an empty bucket goes");
        }
        assertTrue(r.out().contains("kept: holds"), r.out());
        CliRun.Result all = hailctl("default", "destroy", "--yes", "--delete-data");
        assertEquals(0, all.exitCode(), all.toString());
        try (AwsClients aws = moto.clients()) {
            assertTrue(aws.s3().listBuckets().buckets().isEmpty(), "--delete-data empties and deletes the rest");
        }
    }

    @Test
    void destroyWithoutYesAndWithoutATerminalDeletesNothing() throws Exception {
        assertEquals(0, hailctl("default", "deploy", "all").exitCode());
        calls.clear();
        CliRun.Result r = hailctl("default", "destroy");
        assertEquals(3, r.exitCode(), r.toString());
        assertEquals(List.of(), calls.writes());
    }

    private static Subnet firstDefaultSubnet(AwsClients aws) {
        String vpc = aws.ec2().describeVpcs(b -> b.filters(f -> f.name("is-default").values("true"))).vpcs().get(0).vpcId();
        return aws.ec2().describeSubnets(b -> b.filters(f -> f.name("vpc-id").values(vpc))).subnets().stream()
                .filter(Subnet::defaultForAz).min(Comparator.comparing(Subnet::availabilityZone)).orElseThrow();
    }
}
