package io.hailctl.local.standin.timing;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.standin.cfn.CfnTemplate;
import io.hailctl.local.timing.DurationTable;
import io.hailctl.local.timing.Operation;
import io.hailctl.local.timing.StackTimeline;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.DemoYaml;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.WireProxy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * hailctl against the time-true stand-in (AWS's durations at 1/100): `deploy all` sees stacks in progress,
 * reports their resources as they settle and succeeds; a second `deploy all` started while the first still has
 * stacks to create is refused by the environment lock, naming the holder.
 */
@ExtendWith(MotoExtension.class)
class TimeTrueDeployIT {
    private static final String CONFIG = DemoYaml.demo().users("alice").yaml();
    static final String SCALE = "0.01";

    @TempDir
    Path dir;

    @Test
    void deployAllWaitsForStacksInProgressAndASecondRunMeanwhileIsRefusedByTheLock(Moto moto) throws Exception {
        Files.writeString(dir.resolve("hailctl.yaml"), CONFIG);
        List<String> log = Collections.synchronizedList(new ArrayList<>());
        try (StandIn standIn = moto.standIn(log::add, Map.of(TimeTrue.TIMINGS_ENV, "aws", TimeTrue.SCALE_ENV, SCALE));
             AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            long start = System.nanoTime();
            // The first run goes through a proxy that holds the answer to its network CreateStack until the
            // second run is over: the second then always finds stacks still to create (a write ahead of it)
            // while the first holds the lock. Without the hold the outcome was a race: a second JVM that
            // started after the first had created every stack had nothing to write, only waited, and was
            // never refused (correctly: the lock is taken before the first write, docs/reliability.md).
            CliRun.Result second;
            CliRun.Result one;
            try (WireProxy proxy = new WireProxy(standIn.endpoint())) {
                WireProxy.Hold network = proxy.hold(WireProxy.op("cloudformation.CreateStack", "demo-network"));
                CompletableFuture<CliRun.Result> first = CompletableFuture.supplyAsync(
                        () -> new CliRun().against(proxy.endpoint()).workingDir(dir).run("deploy", "all", "--yes"));
                try {
                    String seen = "";
                    while (!first.isDone() && !seen.endsWith("_IN_PROGRESS")) {
                        seen = aws.cloudFormation().describeStacks().stacks().stream()
                                .map(s -> s.stackStatusAsString()).filter(s -> s.endsWith("_IN_PROGRESS"))
                                .findFirst().orElse("");
                        Thread.sleep(50);
                    }
                    assertEquals("CREATE_IN_PROGRESS", seen, "a stack is seen in progress while the first deploy runs");
                    assertTrue(network.reached(Duration.ofSeconds(120)), "the first run creates the network stack");
                    second = new CliRun().against(standIn.endpoint()).workingDir(dir).run("deploy", "all", "--yes");
                } finally {
                    network.release();
                }
                one = first.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            assertEquals(0, one.exitCode(), one.toString());
            // The environment lock (docs/reliability.md): a second run while the first is changing the
            // environment is refused before its first write, naming the holder.
            assertEquals(3, second.exitCode(), second.toString());
            assertTrue(second.err().contains("environment demo is being changed by "), second.toString());
            double critical = criticalPathSeconds(moto);
            System.out.printf("time-true deploy all at scale %s: %.1f s; critical path of the same table %.1f s (%.0f min at AWS)%n",
                    SCALE, seconds, critical, critical / Double.parseDouble(SCALE) / 60);
            String out = one.out();
            assertTrue(out.contains("emr-hail      created"), out);
            assertTrue(out.contains("emr-hail             InstanceProfile CREATE_COMPLETE"), "resources reported as they settle: " + out);
            assertTrue(out.contains("emr-hail             demo-emr-hail CREATE_COMPLETE"), out);
            // The EMR cluster alone takes 10 min at AWS: 6 s at this scale. Without the timings it is instant.
            assertTrue(seconds >= 6, "took " + seconds + " s");
            aws.cloudFormation().describeStacks().stacks().forEach(s ->
                    assertTrue(s.stackStatusAsString().endsWith("_COMPLETE"), s.stackName() + " " + s.stackStatusAsString()));
        }
        assertEquals(List.of(), log);
    }

    /**
     * The physical limit of this `deploy all` at this scale: each stack's critical path (its template and
     * parameters as deployed, the same duration table), s3 and network side by side, then the notebook and
     * the cluster side by side (they wait for both).
     */
    private static double criticalPathSeconds(Moto moto) {
        DurationTable table = DurationTable.aws().scaled(Double.parseDouble(SCALE));
        Map<String, Double> byStack = new java.util.HashMap<>();
        try (AwsClients direct = moto.clients()) {
            for (var stack : direct.cloudFormation().describeStacks().stacks()) {
                CfnTemplate template = CfnTemplate.parse(direct.cloudFormation()
                        .getTemplate(b -> b.stackName(stack.stackName())).templateBody());
                Map<String, String> params = new java.util.HashMap<>();
                stack.parameters().forEach(p -> params.put(p.parameterKey(), p.parameterValue()));
                StackTimeline t = StackTimeline.plan(stack.stackName(), Operation.CREATE,
                        TemplateGraph.resources(template, params), table, Instant.EPOCH);
                byStack.put(stack.stackName(), t.criticalPath().toMillis() / 1000.0);
            }
        }
        return Math.max(byStack.get("demo-s3"), byStack.get("demo-network"))
                + Math.max(byStack.get("demo-jupyter-alice"), byStack.get("demo-emr-hail"));
    }
}
