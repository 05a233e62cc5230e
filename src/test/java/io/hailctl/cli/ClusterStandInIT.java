package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.standin.emr.StepPython;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.TestTools;
import io.hailctl.testing.WireProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `hailctl cluster ...` against moto behind the emulator's stand-in (as under --local): its EMR gap
 * keeps a template's cluster WAITING with instance groups and runs submitted scripts with a local
 * python3 (these scripts do not import hail).
 */
@ExtendWith(MotoExtension.class)
class ClusterStandInIT {
    private final List<String> standInLog = new CopyOnWriteArrayList<>();

    private StandIn standIn(Moto moto) throws Exception {
        return StandIn.start(moto.endpoint(), new StandInGaps(moto.clients(), standInLog::add).all(StepPython.of("python3")),
                0, standInLog::add);
    }

    private static CliRun cli(StandIn standIn, Path dir) throws Exception {
        Files.copy(TestTools.projectDir().resolve("examples/local.yaml"), dir.resolve("hailctl.yaml"));
        return new CliRun().against(standIn.endpoint()).workingDir(dir);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> row(CliRun cli, String name) {
        List<Map<String, Object>> rows = (List<Map<String, Object>>) JsonDoc.object(cli.run("cluster", "list", "-o", "json").out()).get("clusters");
        return rows.stream().filter(r -> name.equals(r.get("name"))).findFirst().orElseThrow(() -> new AssertionError(rows));
    }

    @Test
    void submitRunsTheScriptStreamsItsOutputAndAFailingStepEndsWithItsReasonAndStderr(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CliRun cli = cli(standIn, dir);
            CliRun.Result deploy = cli.run("deploy", "all", "--yes");
            assertEquals(0, deploy.exitCode(), deploy.toString());
            CliRun.Result start = cli.run("cluster", "start", "scratch", "--workers", "2", "--yes");
            assertEquals(0, start.exitCode(), start.toString());
            assertTrue(start.out().lines().anyMatch(l -> l.matches("cluster scratch: j-[A-Z0-9]+ +WAITING.*")), start.out());
            assertEquals("WAITING", row(cli, "scratch").get("state"));

            Files.writeString(dir.resolve("hello.py"), "import sys\nprint('hello from the step')\nprint('args', sys.argv[1:])\n");
            CliRun.Result submit = cli.run("cluster", "submit", "scratch", "hello.py", "--chrom", "22");
            assertEquals(0, submit.exitCode(), submit + "\n" + standInLog);
            assertTrue(submit.out().contains("hello from the step\n"), submit.out());
            assertTrue(submit.out().contains("args ['--chrom', '22']\n"), submit.out());

            Files.writeString(dir.resolve("bad.py"), "import sys\nprint('starting')\nsys.stderr.write('boom: no such table\\n')\nsys.exit(1)\n");
            CliRun.Result bad = cli.run("cluster", "submit", "scratch", "bad.py");
            assertEquals(1, bad.exitCode(), bad + "\n" + standInLog);
            assertTrue(bad.err().contains("  boom: no such table"), bad.err());
            assertTrue(bad.err().contains("Step command exited with code 1"), bad.err());

            CliRun.Result stop = cli.run("cluster", "stop", "scratch", "--yes");
            assertEquals(0, stop.exitCode(), stop.toString());
        }
    }

    @Test
    void modifyResizesAndChangesTheIdleStopInPlaceThroughTheStackKeepingTheClusterId(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CliRun cli = cli(standIn, dir);
            assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
            CliRun.Result start = cli.run("cluster", "start", "scratch", "--workers", "2", "--task-max", "4",
                    "--max-idle", "30m", "--yes");
            assertEquals(0, start.exitCode(), start.toString());
            Map<String, Object> before = row(cli, "scratch");
            String id = (String) before.get("clusterId");
            assertEquals(30, ((Number) before.get("idleTimeoutMinutes")).intValue());
            assertEquals(2, requested(before, "CORE"));
            int clustersBefore;
            try (AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
                clustersBefore = aws.emr().listClusters().clusters().size();
            }
            String describedBefore = cli.run("cluster", "describe", "scratch").out();
            assertTrue(describedBefore.contains("  idle stop     after 30m idle\n"), describedBefore);
            assertTrue(describedBefore.contains("  group         CORE  m5.xlarge  ON_DEMAND  2/2 running\n"), describedBefore);

            CliRun.Result modify = cli.run("cluster", "modify", "scratch", "--workers", "5", "--task-max", "6",
                    "--max-idle", "2h", "--yes");
            assertEquals(0, modify.exitCode(), modify + "\n" + standInLog);
            assertTrue(modify.out().startsWith("""
                    cluster scratch: workers (core nodes): 2 -> 5
                    cluster scratch: task nodes max: 4 -> 6
                    cluster scratch: idle stop: after 30m idle -> after 2h idle
                    """), modify.out());

            Map<String, Object> after = row(cli, "scratch");
            assertEquals(id, after.get("clusterId"), "updated in place: the same cluster");
            assertEquals("WAITING", after.get("state"));
            assertEquals(120, ((Number) after.get("idleTimeoutMinutes")).intValue());
            assertEquals(5, requested(after, "CORE"));
            CliRun.Result describe = cli.run("cluster", "describe", "scratch");
            assertEquals(0, describe.exitCode(), describe.toString());
            assertTrue(describe.out().contains("  id            " + id + "\n"), describe.out());
            assertTrue(describe.out().contains("  idle stop     after 2h idle\n"), describe.out());
            assertTrue(describe.out().contains("  group         CORE  m5.xlarge  ON_DEMAND  5/5 running\n"), describe.out());

            try (AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
                var stack = aws.cloudFormation().describeStacks(b -> b.stackName("demo-emr-scratch")).stacks().get(0);
                Map<String, String> parameters = new java.util.HashMap<>();
                stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
                assertEquals("5", parameters.get("CoreInstanceCount"), "through the stack: the template owns it");
                assertEquals("6", parameters.get("TaskInstanceMax"));
                assertEquals("7200", parameters.get("IdleTimeoutSeconds"));
                assertEquals("UPDATE_COMPLETE", stack.stackStatusAsString());
                assertTrue(stack.outputs().stream().anyMatch(o -> o.outputKey().equals("ClusterId") && o.outputValue().equals(id)),
                        stack.outputs().toString());
                assertTrue(aws.cloudFormation().describeStackResources(b -> b.stackName("demo-emr-scratch")).stackResources()
                        .stream().anyMatch(r -> "Cluster".equals(r.logicalResourceId()) && id.equals(r.physicalResourceId())));
                assertEquals(7200L, aws.emr().getAutoTerminationPolicy(b -> b.clusterId(id)).autoTerminationPolicy().idleTimeout());
                assertEquals(11, aws.emr().getManagedScalingPolicy(b -> b.clusterId(id)).managedScalingPolicy()
                        .computeLimits().maximumCapacityUnits(), "5 core + 6 task");
                assertEquals(clustersBefore, aws.emr().listClusters().clusters().size(), "no cluster made or replaced");
            }

            CliRun.Result json = cli.run("cluster", "modify", "scratch", "--workers", "3", "-o", "json", "--yes");
            assertEquals(0, json.exitCode(), json + "\n" + standInLog);
            List<String> lines = json.out().lines().toList();
            Map<String, Object> modified = JsonDoc.object(lines.get(lines.size() - 1));
            assertEquals(List.of(Map.of("field", "workers", "before", new java.math.BigDecimal(5), "after", new java.math.BigDecimal(3))),
                    modified.get("changes"), json.out());
            assertEquals(id, modified.get("clusterId"));
            assertEquals(3, requested(modified, "CORE"));
            assertEquals(120, ((Number) modified.get("idleTimeoutMinutes")).intValue());
            assertEquals(3, requested(row(cli, "scratch"), "CORE"));
        }
    }

    @SuppressWarnings("unchecked")
    private static int requested(Map<String, Object> row, String role) {
        return ((List<Map<String, Object>>) row.get("instanceGroups")).stream().filter(g -> role.equals(g.get("role")))
                .map(g -> ((Number) g.get("requested")).intValue()).findFirst().orElseThrow(() -> new AssertionError(row));
    }

    @Test
    void twoClustersAreAliveAtOnceAndOneTerminatedOutOfBandIsListedAsTerminated(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CliRun cli = cli(standIn, dir);
            assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
            assertEquals(0, cli.run("cluster", "start", "one", "--yes").exitCode());
            assertEquals(0, cli.run("cluster", "start", "two", "--yes").exitCode());
            assertEquals("WAITING", row(cli, "one").get("state"));
            assertEquals("WAITING", row(cli, "two").get("state"));

            CliRun.Result describe = cli.run("cluster", "describe", "one");
            assertEquals(0, describe.exitCode(), describe.toString());
            assertTrue(describe.out().contains("  state         WAITING (Cluster ready to run steps.)\n"), describe.out());
            assertTrue(describe.out().contains("  group         CORE  m5.xlarge  ON_DEMAND  1/1 running\n"), describe.out());

            String two = (String) row(cli, "two").get("clusterId");
            try (AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
                aws.emr().terminateJobFlows(b -> b.jobFlowIds(two));
            }
            assertEquals("TERMINATED", row(cli, "two").get("state"));
            assertEquals("WAITING", row(cli, "one").get("state"));
        }
    }

    /**
     * Reads are paced (at most 4 a second), so an answer read twice is time every daily command loses: one
     * DescribeStacks describes every cluster stack, one DescribeCluster gives each cluster's state, age and
     * applications, and ListSteps is read only where steps are shown.
     */
    @Test
    void clusterCommandsReadTheStacksOnceAndEachClusterOnce(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CliRun cli = cli(standIn, dir);
            assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
            assertEquals(0, cli.run("cluster", "start", "one", "--yes").exitCode());
            try (WireProxy wire = new WireProxy(standIn.endpoint())) {
                CliRun viaWire = new CliRun().against(wire.endpoint()).workingDir(dir);

                CliRun.Result list = viaWire.run("cluster", "list", "-o", "json");
                assertEquals(0, list.exitCode(), list.toString());
                assertEquals(Map.of("cloudformation.DescribeStacks", 1L, "elasticmapreduce.DescribeCluster", 2L),
                        counts(wire, "cloudformation.DescribeStacks", "elasticmapreduce.DescribeCluster",
                                "elasticmapreduce.ListSteps"), wire.calls().toString());

                wire.clear();
                CliRun.Result describe = viaWire.run("cluster", "describe", "one");
                assertEquals(0, describe.exitCode(), describe.toString());
                assertTrue(describe.out().contains("\n  age           0m\n"), "the age comes with the one DescribeCluster: "
                        + describe.out());
                assertEquals(Map.of("cloudformation.DescribeStacks", 1L, "elasticmapreduce.DescribeCluster", 1L,
                                "elasticmapreduce.ListSteps", 1L),
                        counts(wire, "cloudformation.DescribeStacks", "elasticmapreduce.DescribeCluster",
                                "elasticmapreduce.ListSteps"), wire.calls().toString());
            }
        }
    }

    private static Map<String, Long> counts(WireProxy wire, String... names) {
        List<String> wanted = List.of(names);
        return wire.calls().stream().map(WireProxy.Call::name).filter(wanted::contains)
                .collect(java.util.stream.Collectors.groupingBy(n -> n, java.util.stream.Collectors.counting()));
    }
}
