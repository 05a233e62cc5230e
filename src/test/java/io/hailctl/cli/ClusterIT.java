package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.Tag;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Several clusters per environment and `hailctl cluster ...` against moto. Moto's EMR is shallow: a
 * cluster made by a template is TERMINATED at once with no instance groups, so every cluster here
 * reads as TERMINATED; what these tests show is the stacks, their parameters and tags, the names and
 * kinds, the refusals, and that nothing is faked for a terminated cluster.
 */
@ExtendWith(MotoExtension.class)
class ClusterIT {
    private static final String TWO_CLUSTERS = """
            clusters:
              - name: hail
                masterType: m5.xlarge
                coreType: m5.xlarge
                coreCount: 1
                idleTimeoutMinutes: 30
              - name: big
                coreCount: 4
                taskMax: 2
                taskMarket: SPOT
            """;

    private static CliRun cli(Moto moto, Path dir) throws Exception {
        String yaml = Files.readString(TestTools.projectDir().resolve("examples/local.yaml"));
        int start = yaml.indexOf("clusters:\n");
        int end = yaml.indexOf("\ntags:");
        Files.writeString(dir.resolve("hailctl.yaml"), yaml.substring(0, start) + TWO_CLUSTERS + yaml.substring(end));
        return new CliRun().against(moto).workingDir(dir);
    }

    private static Map<String, Stack> stacks(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            Map<String, Stack> out = new HashMap<>();
            aws.cloudFormation().describeStacks().stacks().forEach(s -> out.put(s.stackName(), s));
            return out;
        }
    }

    private static Map<String, String> params(Stack s) {
        return s.parameters().stream().collect(Collectors.toMap(Parameter::parameterKey, p -> p.parameterValue() == null ? "" : p.parameterValue()));
    }

    private static Map<String, String> tags(Stack s) {
        return s.tags().stream().collect(Collectors.toMap(Tag::key, Tag::value));
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> clusters(String json) {
        return (List<Map<String, Object>>) JsonDoc.object(json).get("clusters");
    }

    @Test
    void twoConfiguredClustersAreTwoStacksOnTheSameNetworkAndBothAreListed(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        CliRun.Result deploy = cli.run("deploy", "all", "--yes");
        assertEquals(0, deploy.exitCode(), deploy.toString());

        Map<String, Stack> stacks = stacks(moto);
        Map<String, String> hail = params(stacks.get("demo-emr-hail"));
        Map<String, String> big = params(stacks.get("demo-emr-big"));
        assertEquals("1", hail.get("CoreInstanceCount"));
        assertEquals("4", big.get("CoreInstanceCount"));
        assertEquals("SPOT", big.get("TaskMarket"));
        for (String shared : List.of("SubnetId", "EmrMasterSecurityGroupId", "LogBucket", "HailBucket", "CustomAmiId")) {
            assertEquals(hail.get(shared), big.get(shared), shared);
        }
        assertEquals("big", tags(stacks.get("demo-emr-big")).get("hailctl:cluster"));

        CliRun.Result list = cli.run("cluster", "list", "-o", "json");
        assertEquals(0, list.exitCode(), list.toString());
        List<Map<String, Object>> rows = clusters(list.out());
        assertEquals(List.of("hail", "big"), rows.stream().map(r -> r.get("name")).toList());
        rows.forEach(r -> assertEquals("configured", r.get("kind")));
        assertEquals(30, ((Number) rows.get(0).get("idleTimeoutMinutes")).intValue());
        assertEquals(true, rows.get(1).get("spot"), "SPOT task nodes are a cost fact list shows");
        assertTrue(((String) rows.get(1).get("clusterId")).startsWith("j-"));

        CliRun.Result text = cli.run("cluster", "list");
        assertTrue(text.out().lines().anyMatch(l -> l.matches("big +configured +TERMINATED.* +yes +j-[A-Z0-9]+")), text.out());

        CliRun.Result again = cli.run("deploy", "emr", "big", "--yes");
        assertEquals(0, again.exitCode(), again.toString());
        CliRun.Result unknown = cli.run("deploy", "emr", "nope");
        assertEquals(2, unknown.exitCode());
        assertTrue(unknown.err().contains("cluster 'nope' is not in hailctl.yaml (clusters: hail, big)"), unknown.err());
    }

    @Test
    void startAnAdHocClusterThenListDescribeStopAndDestroyCoversIt(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());

        CliRun.Result start = cli.run("cluster", "start", "scratch", "--workers", "3", "--core-type", "r5.2xlarge",
                "--task-max", "2", "--spot", "--max-idle", "45m", "--yes");
        assertEquals(0, start.exitCode(), start.toString());
        assertTrue(start.out().lines().anyMatch(l -> l.matches("cluster scratch: j-[A-Z0-9]+ +TERMINATED.*")), start.out());
        assertTrue(start.out().contains("Livy: (none: the cluster is not running)"), start.out());
        Stack scratch = stacks(moto).get("demo-emr-scratch");
        Map<String, String> p = params(scratch);
        assertEquals("3", p.get("CoreInstanceCount"));
        assertEquals("r5.2xlarge", p.get("CoreInstanceType"));
        assertEquals("m5.xlarge", p.get("MasterInstanceType"), "the rest from the first configured cluster");
        assertEquals("SPOT", p.get("TaskMarket"));
        assertEquals("2700", p.get("IdleTimeoutSeconds"));
        assertEquals("demo-scratch", p.get("ClusterName"));
        assertEquals("true", tags(scratch).get("hailctl:ad-hoc"));
        assertEquals(params(stacks(moto).get("demo-emr-hail")).get("SubnetId"), p.get("SubnetId"));

        CliRun.Result twice = cli.run("cluster", "start", "scratch", "--yes");
        assertEquals(3, twice.exitCode(), twice.toString());
        assertTrue(twice.err().startsWith("hailctl: cluster 'scratch' exists (stack demo-emr-scratch, CREATE_COMPLETE);"
                + " nothing started"), twice.err());
        CliRun.Result configured = cli.run("cluster", "start", "big");
        assertEquals(3, configured.exitCode(), configured.toString());
        assertTrue(configured.err().contains("cluster 'big' is configured in hailctl.yaml; nothing started"), configured.err());

        List<Map<String, Object>> rows = clusters(cli.run("cluster", "list", "-o", "json").out());
        assertEquals(List.of("hail", "big", "scratch"), rows.stream().map(r -> r.get("name")).toList());
        assertEquals("ad-hoc", rows.get(2).get("kind"));
        CliRun.Result status = cli.run("status", "-o", "json");
        assertEquals(List.of(), StatusJsonSchemaTest.schema().violations(JsonDoc.object(status.out())));
        assertTrue(status.out().contains("\"name\":\"scratch\",\"inConfig\":false,\"adHoc\":true"), status.out());

        CliRun.Result describe = cli.run("cluster", "describe", "scratch");
        assertEquals(0, describe.exitCode(), describe.toString());
        assertTrue(describe.out().startsWith("cluster scratch (ad hoc, stack demo-emr-scratch)\n"), describe.out());
        assertTrue(describe.out().contains("  Hail          0.2.139\n"), describe.out());
        assertTrue(describe.out().contains("  idle stop     after 45m idle\n"), describe.out());

        CliRun.Result declined = cli.run("cluster", "stop", "scratch");
        assertEquals(3, declined.exitCode(), declined.toString());
        assertTrue(stacks(moto).containsKey("demo-emr-scratch"));
        CliRun.Result stop = cli.run("cluster", "stop", "scratch", "--yes");
        assertEquals(0, stop.exitCode(), stop.toString());
        assertFalse(stacks(moto).containsKey("demo-emr-scratch"), "stop deletes the ad-hoc stack");
        CliRun.Result gone = cli.run("cluster", "describe", "scratch");
        assertEquals(2, gone.exitCode());
        assertEquals("hailctl: unknown cluster 'scratch' (clusters: hail, big)", gone.err().lines().findFirst().orElse(""));

        assertEquals(0, cli.run("cluster", "start", "other", "--yes").exitCode());
        CliRun.Result destroy = cli.run("destroy", "--yes");
        assertEquals(0, destroy.exitCode(), destroy.toString());
        assertFalse(stacks(moto).containsKey("demo-emr-other"), "destroy covers ad-hoc clusters");
    }

    @Test
    void aClusterTerminatedOutOfBandIsListedAsSuchAndNotModified(Moto moto, @TempDir Path dir) throws Exception {
        CliRun cli = cli(moto, dir);
        assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
        assertEquals(0, cli.run("cluster", "start", "scratch", "--yes").exitCode());
        String id;
        try (AwsClients aws = moto.clients()) {
            id = aws.cloudFormation().describeStacks(b -> b.stackName("demo-emr-scratch")).stacks().get(0).outputs().stream()
                    .filter(o -> o.outputKey().equals("ClusterId")).findFirst().orElseThrow().outputValue();
            aws.emr().terminateJobFlows(b -> b.jobFlowIds(id));
        }
        Map<String, Object> row = clusters(cli.run("cluster", "list", "-o", "json").out()).get(2);
        assertEquals("scratch", row.get("name"));
        assertEquals("TERMINATED", row.get("state"));
        assertEquals("CREATE_COMPLETE", row.get("stackStatus"), "the stack does not know; EMR's word wins");
        assertEquals(Optional.empty(), Optional.ofNullable(row.get("livyUrl")));

        CliRun.Result modify = cli.run("cluster", "modify", "scratch", "--workers", "5", "--yes");
        assertEquals(3, modify.exitCode(), modify.toString());
        assertTrue(modify.err().startsWith("hailctl: cluster 'scratch' is TERMINATED"), modify.err());
        assertTrue(modify.err().lines().findFirst().orElse("").endsWith(": nothing to modify"), modify.err());
        assertEquals("1", params(stacks(moto).get("demo-emr-scratch")).get("CoreInstanceCount"), "nothing written");

        Files.writeString(dir.resolve("qc.py"), "import hail as hl\nhl.init()\n");
        CliRun.Result submit = cli.run("cluster", "submit", "scratch", "qc.py", "--chrom", "22");
        assertEquals(3, submit.exitCode(), submit.toString());
        assertTrue(submit.err().startsWith("hailctl: cluster 'scratch' is TERMINATED"), submit.err());
        assertTrue(submit.err().lines().findFirst().orElse("").endsWith(": nothing to submit to"), submit.err());
        try (AwsClients aws = moto.clients()) {
            String bucket = params(stacks(moto).get("demo-emr-scratch")).get("HailBucket");
            assertEquals(0, aws.s3().listObjectsV2(b -> b.bucket(bucket).prefix("hailctl/submit/")).keyCount(),
                    "nothing uploaded for a terminated cluster");
            assertEquals(0, aws.emr().listSteps(b -> b.clusterId(id)).steps().size(), "no step added");
        }
        CliRun.Result missing = cli.run("cluster", "submit", "scratch", "nope.py");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertEquals("hailctl: nope.py: no such file", missing.err().lines().findFirst().orElse(""));

        CliRun.Result connect = cli.run("cluster", "connect", "scratch", "spark-ui");
        assertEquals(3, connect.exitCode(), connect.toString());
        assertTrue(connect.err().lines().findFirst().orElse("").endsWith(": nothing to connect to"), connect.err());
        CliRun.Result badTarget = cli.run("cluster", "connect", "scratch", "notebook");
        assertEquals(2, badTarget.exitCode());
        assertEquals("hailctl: cluster connect scratch notebook: expected livy, spark-ui, yarn or shell",
                badTarget.err().lines().findFirst().orElse(""));

        CliRun.Result configured = cli.run("cluster", "modify", "hail", "--workers", "5");
        assertEquals(3, configured.exitCode(), configured.toString());
        assertTrue(configured.err().contains("cluster 'hail' is configured in hailctl.yaml: a change made here would be"
                + " undone by the next deploy"), configured.err());
        CliRun.Result badIdle = cli.run("cluster", "modify", "scratch", "--max-idle", "5x");
        assertEquals(2, badIdle.exitCode());
        assertEquals("hailctl: --max-idle 5x: expected a duration like 30m, 2h or 1d (0 = never)",
                badIdle.err().lines().findFirst().orElse(""));
    }
}
