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
}
