package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.standin.timing.TimeTrue;
import io.hailctl.testing.CallCounter;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.TestTools;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * `hailctl cluster start --max-age` and `--wait/--no-wait/--attach` against moto behind the emulator's stand-in
 * (as under --local): the hard stop's EventBridge Scheduler schedule (which moto's CloudFormation skips) is made
 * in moto's Scheduler with the template's target, time and role, and fired by the stand-in when its time comes.
 */
@ExtendWith(MotoExtension.class)
class ClusterStartIT {
    private static final String TERMINATE = "arn:aws:scheduler:::aws-sdk:emr:terminateJobFlows";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");
    private final List<String> standInLog = new CopyOnWriteArrayList<>();

    private StandIn standIn(Moto moto) {
        return moto.standIn(standInLog::add);
    }

    private static CliRun cli(StandIn standIn, Path dir) throws Exception {
        if (!Files.exists(dir.resolve("hailctl.yaml"))) {
            Files.copy(TestTools.projectDir().resolve("examples/local.yaml"), dir.resolve("hailctl.yaml"));
        }
        return new CliRun().against(standIn.endpoint()).workingDir(dir);
    }

    /** The cluster's row of `cluster list -o json`. */
    private static Map<String, Object> row(CliRun cli, String name) {
        return ClusterStandInIT.row(cli, name);
    }

    private static Map<String, Object> lastJson(CliRun.Result r) {
        List<String> lines = r.out().lines().filter(l -> !l.isBlank()).toList();
        return JsonDoc.object(lines.get(lines.size() - 1));
    }

    @Test
    void maxAgeMakesAScheduleThatTerminatesThisClusterAtStartPlusTheAgeAndListAndDescribeShowIt(Moto moto,
                                                                                                 @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CliRun cli = cli(standIn, dir);
            assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
            Instant before = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            CliRun.Result start = cli.run("cluster", "start", "scratch", "--max-age", "2h", "--yes");
            Instant after = Instant.now();
            assertEquals(0, start.exitCode(), start + "\n" + standInLog);

            Map<String, Object> row = row(cli, "scratch");
            String clusterId = (String) row.get("clusterId");
            GetScheduleResponse schedule = moto.clients().scheduler()
                    .getSchedule(b -> b.groupName("default").name("demo-emr-scratch-HardStopSchedule"));
            Matcher at = Pattern.compile("at\\((.+)\\)").matcher(schedule.scheduleExpression());
            assertTrue(at.matches(), schedule.scheduleExpression());
            Instant when = LocalDateTime.parse(at.group(1), AT).toInstant(ZoneOffset.UTC);
            assertFalse(when.isBefore(before.plus(Duration.ofHours(2))), when + " before start + 2h");
            assertFalse(when.isAfter(after.plus(Duration.ofHours(2))), when + " after start + 2h");
            assertEquals("UTC", schedule.scheduleExpressionTimezone());
            assertEquals("ENABLED", schedule.stateAsString());
            assertEquals(TERMINATE, schedule.target().arn());
            assertEquals("{\"JobFlowIds\":[\"" + clusterId + "\"]}", schedule.target().input());
            String role = moto.clients().cloudFormation().describeStackResources(b -> b.stackName("demo-emr-scratch"))
                    .stackResources().stream().filter(r -> "HardStopRole".equals(r.logicalResourceId())).findFirst()
                    .orElseThrow().physicalResourceId();
            assertTrue(schedule.target().roleArn().equals(role) || schedule.target().roleArn()
                    .equals("arn:aws:iam::123456789012:role/" + role), schedule.target().roleArn() + " vs " + role);

            // What the user sees: the same time in start's closing lines, list (JSON) and describe.
            String shown = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC).format(when);
            assertTrue(start.out().contains("\nHard stop: " + shown + "\n"), start.out());
            assertEquals(when.toString(), row.get("hardStopAt"));
            assertNull(row(cli, "hail").get("hardStopAt"), "a configured cluster has no hard stop");
            CliRun.Result describe = cli.run("cluster", "describe", "scratch");
            assertTrue(describe.out().contains("  hard stop     " + shown + "\n"), describe.out());
            CliRun.Result status = cli.run("status");
            assertTrue(status.out().contains("    stops    " + shown + " (hard stop)\n"), status.out());
            CliRun.Result statusJson = cli.run("status", "-o", "json");
            assertTrue(statusJson.out().contains("\"hardStopAt\":\"" + when + "\""), statusJson.out());
            assertEquals(1, moto.clients().scheduler().listSchedules(b -> { }).schedules().size(),
                    "only the ad-hoc cluster with --max-age has a schedule");

            assertEquals(0, cli.run("cluster", "stop", "scratch", "--yes").exitCode());
            try (AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
                assertEquals("TERMINATED", aws.emr().describeCluster(b -> b.clusterId(clusterId)).cluster().status()
                        .stateAsString(), "the stack's deletion terminates the cluster");
            }
            assertThrows(ResourceNotFoundException.class, () -> moto.clients().scheduler()
                    .getSchedule(b -> b.groupName("default").name("demo-emr-scratch-HardStopSchedule")));
        }
    }

    @Test
    void whenTheHardStopComesTheStandInsScheduleTerminatesThatClusterOnly(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto);
             AwsClients aws = AwsClients.open(AwsTarget.emulator(standIn.endpoint()), Map.of())) {
            CliRun cli = cli(standIn, dir);
            assertEquals(0, cli.run("deploy", "all", "--yes").exitCode());
            assertEquals(0, cli.run("cluster", "start", "scratch", "--yes").exitCode());
            // hailctl asks for at least 30 minutes; the template takes any time, so this stack stops in 6 seconds.
            Stack scratch = aws.cloudFormation().describeStacks(b -> b.stackName("demo-emr-scratch")).stacks().get(0);
            Instant stopAt = Instant.now().plusSeconds(6);
            List<Parameter> params = scratch.parameters().stream().map(p -> switch (p.parameterKey()) {
                case "ClusterName" -> Parameter.builder().parameterKey("ClusterName").parameterValue("demo-brief").build();
                case "HardStopAt" -> Parameter.builder().parameterKey("HardStopAt")
                        .parameterValue(AT.format(LocalDateTime.ofInstant(stopAt, ZoneOffset.UTC))).build();
                default -> p;
            }).toList();
            String template = Files.readString(TestTools.projectDir().resolve("cloudformation/hail-emr.yml"));
            aws.cloudFormation().createStack(b -> b.stackName("demo-emr-brief")
                    .templateBody(template).parameters(params).capabilities(Capability.CAPABILITY_IAM)
                    .tags(t -> t.key("hailctl:environment").value("demo"), t -> t.key("hailctl:ad-hoc").value("true")));
            String brief = aws.cloudFormation().describeStacks(b -> b.stackName("demo-emr-brief")).stacks().get(0).outputs()
                    .stream().filter(o -> o.outputKey().equals("ClusterId")).findFirst().orElseThrow().outputValue();
            String state = aws.emr().describeCluster(b -> b.clusterId(brief)).cluster().status().stateAsString();
            assertEquals("WAITING", state, "before its hard stop");
            while (state.equals("WAITING") && Instant.now().isBefore(stopAt.plusSeconds(20))) {
                Thread.sleep(200);
                state = aws.emr().describeCluster(b -> b.clusterId(brief)).cluster().status().stateAsString();
            }
            assertFalse(Instant.now().isBefore(stopAt.minusSeconds(1)), "terminated before its time");
            assertEquals("TERMINATED", state, standInLog.toString());
            assertEquals("TERMINATED", row(cli, "brief").get("state"));
            assertEquals("USER_REQUEST: Terminated by user request", row(cli, "brief").get("stateReason"));
            assertEquals("WAITING", row(cli, "scratch").get("state"), "the other cluster is not touched");
            assertTrue(standInLog.stream().anyMatch(l -> l.contains("demo-emr-brief-HardStopSchedule invoked " + TERMINATE)),
                    standInLog.toString());
        }
    }

    @Test
    void aMaxAgeOutOfRangeIsOneLineAndExit2WithoutAnyAwsCall(Moto moto, @TempDir Path dir) throws Exception {
        try (StandIn standIn = standIn(moto)) {
            CallCounter calls = new CallCounter();
            CliRun.Result r = cli(standIn, dir).awsCalls(calls).run("cluster", "start", "scratch", "--max-age", "10m", "--yes");
            assertEquals(2, r.exitCode(), r.toString());
            assertEquals("hailctl: --max-age 10m: expected 30m to 14d (0 = no hard stop); the hard stop's schedule is made "
                    + "once the cluster is up, which takes 10 to 20 minutes\n", r.err());
            assertEquals(List.of(), calls.all());
        }
    }

    @Test
    void noWaitReturnsWhileTheStackIsCreatedAndAttachWaitsForTheClusterWithoutChangingIt(Moto moto, @TempDir Path dir)
            throws Exception {
        try (StandIn plain = standIn(moto)) {
            assertEquals(0, cli(plain, dir).run("deploy", "all", "--yes").exitCode());
        }
        // The time-true stand-in (AWS's durations at 1/100) holds the new stack CREATE_IN_PROGRESS for seconds.
        try (StandIn timed = moto.standIn(standInLog::add, Map.of(TimeTrue.TIMINGS_ENV, "aws", TimeTrue.SCALE_ENV, "0.01"))) {
            CliRun cli = cli(timed, dir);
            CliRun.Result noWait = cli.run("cluster", "start", "quick", "--no-wait", "--yes");
            assertEquals(0, noWait.exitCode(), noWait.toString());
            assertTrue(noWait.out().contains("\ncluster quick: create accepted; stack demo-emr-quick is CREATE_IN_PROGRESS\n"
                    + "Follow it: hailctl cluster start quick --attach  (or: hailctl cluster describe quick)\n"), noWait.out());
            assertTrue(noWait.out().contains("1 started"), noWait.out());

            CliRun.Result again = cli.run("cluster", "start", "quick", "--yes");
            assertEquals(3, again.exitCode(), again.toString());
            assertEquals("hailctl: cluster 'quick' exists (stack demo-emr-quick, CREATE_IN_PROGRESS); nothing started\n"
                    + "  Wait for it with: hailctl cluster start quick --attach\n", again.err());

            CliRun.Result attach = cli.run("cluster", "start", "quick", "--attach", "-o", "json");
            assertEquals(0, attach.exitCode(), attach + "\n" + standInLog);
            Map<String, Object> doc = lastJson(attach);
            assertEquals("WAITING", doc.get("state"), doc.toString());
            assertEquals("CREATE_COMPLETE", doc.get("stackStatus"));
            assertTrue(((String) doc.get("clusterId")).startsWith("j-"), doc.toString());
            assertEquals(true, doc.get("waited"));
            assertTrue(attach.out().contains("\"change\":\"unchanged\""), "attach waits, then changes nothing:\n" + attach.out());
        }
    }
}
