package io.hailctl.local.standin.timing;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hailctl against the time-true stand-in (AWS's durations at 1/100): `deploy all` sees stacks in progress,
 * reports their resources as they settle and succeeds; a second `deploy all` started meanwhile attaches.
 */
@ExtendWith(MotoExtension.class)
class TimeTrueDeployIT {
    private static final String CONFIG = """
            environment: demo
            network:
              vpcId: default
              subnetId: default
            buckets:
              hail: demo-hail-bucket
              logs: demo-log-bucket
              jupyter: demo-jupyter-bucket
            users:
              - name: alice
            emr:
              coreType: m5.xlarge
              coreCount: 1
            """;
    static final String SCALE = "0.01";

    @TempDir
    Path dir;

    @Test
    void deployAllWaitsForStacksInProgressAndASecondDeployAttaches(Moto moto) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (StandIn standIn = moto.standIn(log::add, Map.of(TimeTrue.TIMINGS_ENV, "aws", TimeTrue.SCALE_ENV, SCALE));
             AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            long start = System.nanoTime();
            CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(
                    () -> new CliRun().against(standIn.endpoint()).workingDir(dir).run("deploy", "all", "--yes"));
            String seen = "";
            while (!first.isDone() && !seen.endsWith("_IN_PROGRESS")) {
                seen = aws.cloudFormation().describeStacks().stacks().stream().map(s -> s.stackStatusAsString())
                        .filter(s -> s.endsWith("_IN_PROGRESS")).findFirst().orElse("");
                Thread.sleep(100);
            }
            assertEquals("CREATE_IN_PROGRESS", seen, "a stack is seen in progress while the first deploy runs");
            CliRun.Result second = new CliRun().against(standIn.endpoint()).workingDir(dir).run("deploy", "all", "--yes");
            CliRun.Result one = first.get();
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, one.exitCode(), one.toString());
            assertEquals(0, second.exitCode(), second.toString());
            System.out.println("time-true deploy all at scale " + SCALE + ": " + seconds + " s");
            assertTrue(one.out().contains("demo-emr-hail CREATE_IN_PROGRESS"), one.toString());
            assertTrue(one.out().contains("InstanceProfile CREATE_COMPLETE"), "resources reported as they settle: " + one);
            assertTrue(one.out().contains("emr-hail      created"), one.toString());
            assertTrue(second.out().contains("demo-emr-hail is CREATE_IN_PROGRESS (started elsewhere or earlier): waiting for it"),
                    second.toString());
            // The EMR cluster alone takes 10 min at AWS: 6 s at this scale. Without the timings it is instant.
            assertTrue(seconds >= 6, "took " + seconds + " s");
            aws.cloudFormation().describeStacks().stacks().forEach(s ->
                    assertTrue(s.stackStatusAsString().endsWith("_COMPLETE"), s.stackName() + " " + s.stackStatusAsString()));
        }
        assertEquals(List.of(), log);
    }
}
