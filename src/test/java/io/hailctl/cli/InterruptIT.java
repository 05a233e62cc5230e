package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.HailctlProcess;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import io.hailctl.testing.WireProxy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.StackSummary;
import software.amazon.awssdk.services.s3.model.S3Object;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Ctrl-C (SIGINT to the real hailctl process) at chosen points of deploy, add-user, remove-user, seed
 * and destroy, then the same command again. The {@link WireProxy} in front of moto holds one answer
 * (the operation has happened in "AWS"; hailctl has not heard) and says when the process got there;
 * the test interrupts it then. Each interrupted run exits 130 with one line saying how to continue;
 * the re-run converges to exactly the state an uninterrupted run leaves (stacks, access points,
 * objects, SSM parameters, hailctl.yaml), with nothing twice.
 */
@ExtendWith(MotoExtension.class)
class InterruptIT {
    private static final String ENV = "intr";
    private static final Duration LIMIT = Duration.ofSeconds(90);
    private static final Duration REACH = Duration.ofSeconds(60);

    @TempDir
    Path dir;
    private Moto moto;
    private AwsClients aws;
    private WireProxy proxy;
    private final List<String> timings = new ArrayList<>();

    @BeforeEach
    void setUp(Moto moto) throws Exception {
        this.moto = moto;
        this.aws = moto.clients();
        this.proxy = new WireProxy(moto.endpoint());
    }

    @AfterEach
    void tearDown() {
        proxy.close();
        aws.close();
        timings.forEach(System.out::println);
    }

    /** One interrupt point: what to hold, and the command to interrupt and re-run. */
    private record Point(String name, Predicate<WireProxy.Call> when, int skip, String... args) {
    }

    private static Predicate<WireProxy.Call> efs(String method, String pathPart) {
        return c -> c.service().equals("elasticfilesystem") && c.method().equals(method) && c.path().contains(pathPart);
    }

    @Test
    void deployAllInterruptedAnywhereConvergesOnRerun() throws Exception {
        Map<String, String> expected = uninterrupted(List.of(List.of("-y", "deploy", "all")));
        List<Point> points = List.of(
                new Point("pre-flight (subnet read)", WireProxy.op("ec2.DescribeSubnets", ""), 0, "-y", "deploy", "all"),
                new Point("creating the s3 stack", WireProxy.op("cloudformation.CreateStack", ENV + "-s3"), 0,
                        "-y", "deploy", "all"),
                // The run's first read of a stack is its watcher's, after the create: the pre-flight's listing
                // already said the stack is absent (SharedStackReads).
                new Point("waiting on the s3 stack", WireProxy.op("cloudformation.DescribeStacks", ENV + "-s3"), 0,
                        "-y", "deploy", "all"),
                new Point("between stacks (network create)", WireProxy.op("cloudformation.CreateStack", ENV + "-network"),
                        0, "-y", "deploy", "all"),
                new Point("EFS file-system policy", efs("PUT", "/policy"), 0, "-y", "deploy", "all"),
                new Point("access-point creation", efs("POST", "/access-points"), 0, "-y", "deploy", "all"),
                new Point("waiting on a notebook stack",
                        WireProxy.op("cloudformation.DescribeStacks", ENV + "-jupyter-alice"), 0, "-y", "deploy", "all"),
                new Point("seed upload", c -> c.name().equals("s3.PutObject") && c.path().contains("intr-jupyter"), 2,
                        "-y", "deploy", "all"),
                new Point("creating the EMR stack", WireProxy.op("cloudformation.CreateStack", ENV + "-emr-hail"), 0,
                        "-y", "deploy", "all"));
        for (Point p : points) {
            fresh();
            interruptThenRerun(p);
            assertEquals(expected, snapshot(), p.name() + ": the re-run converges to an uninterrupted run's state");
        }
    }

    @Test
    void userCommandsSeedAndDestroyInterruptedConvergeOnRerun() throws Exception {
        List<String> deploy = List.of("-y", "deploy", "all");
        Map<String, String> added = uninterrupted(List.of(deploy, List.of("-y", "add-user", "carol")));
        Map<String, String> removed = uninterrupted(List.of(deploy, List.of("-y", "remove-user", "bob")));
        Map<String, String> destroyed = uninterrupted(List.of(deploy, List.of("-y", "destroy")));
        Map<String, String> seeded = uninterrupted(List.of(deploy, List.of("-y", "seed")));

        record Case(Point point, Map<String, String> expected) {
        }
        List<Case> cases = List.of(
                new Case(new Point("add-user: access point", efs("POST", "/access-points"), 0, "-y", "add-user", "carol"),
                        added),
                new Case(new Point("add-user: notebook stack",
                        WireProxy.op("cloudformation.CreateStack", ENV + "-jupyter-carol"), 0, "-y", "add-user", "carol"),
                        added),
                new Case(new Point("remove-user: notebook stack delete",
                        WireProxy.op("cloudformation.DeleteStack", ENV + "-jupyter-bob"), 0, "-y", "remove-user", "bob"),
                        removed),
                new Case(new Point("destroy: a notebook stack delete",
                        WireProxy.op("cloudformation.DeleteStack", ENV + "-jupyter-alice"), 0, "-y", "destroy"), destroyed),
                new Case(new Point("destroy: the s3 stack delete",
                        WireProxy.op("cloudformation.DeleteStack", ENV + "-s3"), 0, "-y", "destroy"), destroyed),
                new Case(new Point("seed: an upload", c -> c.name().equals("s3.PutObject"), 1, "-y", "seed"), seeded));
        for (Case c : cases) {
            fresh();
            setUpRun(deploy);
            // Seed's re-run has something to do only if the objects differ: change one file's content first.
            if (c.point().args()[1].equals("seed")) {
                aws.s3().listObjectsV2(b -> b.bucket(ENV + "-jupyter")).contents().stream().limit(3)
                        .forEach(o -> aws.s3().deleteObject(b -> b.bucket(ENV + "-jupyter").key(o.key())));
            }
            interruptThenRerun(c.point());
            assertEquals(c.expected(), snapshot(), c.point().name() + ": converges to the uninterrupted state");
        }
    }

    /**
     * Ctrl-C arriving while add-user edits hailctl.yaml: the file is the old or the new text, never a
     * mix, at whatever moment the signal lands; the next run lists carol exactly once.
     */
    @Test
    void addUserConfigEditIsNeverHalfWritten() throws Exception {
        List<String> deploy = List.of("-y", "deploy", "all");
        Map<String, String> added = uninterrupted(List.of(deploy, List.of("-y", "add-user", "carol")));
        for (int delayMs : new int[] {0, 20, 60, 150}) {
            fresh();
            setUpRun(deploy);
            String before = Files.readString(dir.resolve("hailctl.yaml"));
            // Hold the last AWS answer before the edit (the notebook stack's final read, its only one: the
            // pre-flight's listing said it was absent), then let it go and interrupt at once: the signal lands
            // around the summary and the file edit.
            WireProxy.Hold hold = proxy.hold(WireProxy.op("cloudformation.DescribeStacks", ENV + "-jupyter-carol"), 0);
            HailctlProcess run = HailctlProcess.start(dir, proxy.endpoint(), "-y", "add-user", "carol");
            assertTrue(hold.reached(REACH), "add-user reached the notebook stack wait");
            hold.release();
            Thread.sleep(delayMs);
            run.interrupt();
            CliRun.Result r = run.await(LIMIT);
            String after = Files.readString(dir.resolve("hailctl.yaml"));
            assertTrue(after.equals(before) || after.equals(before + "  - name: carol\n"),
                    "delay " + delayMs + " ms: hailctl.yaml is the old or the new text:\n" + after + "\n" + r);
            assertTrue(r.exitCode() == 130 || r.exitCode() == 0, r.toString());
            proxy.clear();
            CliRun.Result again = HailctlProcess.start(dir, proxy.endpoint(), "-y", "add-user", "carol").await(LIMIT);
            assertEquals(0, again.exitCode(), again.toString());
            assertEquals(added, snapshot(), "delay " + delayMs + " ms: converges");
        }
    }

    // ---- running ----

    private void interruptThenRerun(Point p) throws Exception {
        proxy.clear();
        WireProxy.Hold hold = proxy.hold(p.when(), p.skip());
        HailctlProcess run = HailctlProcess.start(dir, proxy.endpoint(), p.args());
        if (!hold.reached(REACH)) {
            run.interrupt();
            fail(p.name() + ": never reached the point\n" + run.await(LIMIT) + "\ncalls: " + proxy.calls());
        }
        assertTrue(run.interrupt(), p.name() + ": the process was still running at the point");
        hold.release();
        CliRun.Result r = run.await(LIMIT);
        timings.add(p.name() + ": interrupted run " + run.elapsed().toMillis() + " ms");
        assertEquals(130, r.exitCode(), p.name() + ": exit code\n" + r);
        String command = String.join(" ", p.args());
        List<String> hints = Stream.concat(r.out().lines(), r.err().lines())
                .filter(l -> l.contains("`hailctl " + command + "` again") || l.contains("`hailctl "
                        + command.replace("-y ", "") + "` again"))
                .toList();
        assertEquals(1, hints.size(), p.name() + ": one line saying how to continue\n" + r);
        assertTrue(!r.err().contains("Exception") && !r.err().contains("\tat "), p.name() + ": no stack trace\n" + r);
        assertHalfWrittenNever();

        proxy.clear();
        HailctlProcess rerun = HailctlProcess.start(dir, proxy.endpoint(), p.args());
        CliRun.Result again = rerun.await(LIMIT);
        timings.add(p.name() + ": re-run " + rerun.elapsed().toMillis() + " ms");
        assertEquals(0, again.exitCode(), p.name() + ": the re-run succeeds\n" + again);
    }

    /** A fresh emulator, EFS file system and hailctl.yaml. */
    private void fresh() throws Exception {
        moto.reset();
        proxy.clear();
        String fs = aws.efs().createFileSystem(b -> b.creationToken("team").encrypted(true)).fileSystemId();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.toList()) {
                Files.delete(f);
            }
        }
        Files.writeString(dir.resolve("hailctl.yaml"), """
                # interrupted and resumed
                environment: intr
                network:
                  vpcId: default
                  subnetId: default
                buckets:
                  hail: intr-hail
                  logs: intr-logs
                  jupyter: intr-jupyter
                efs:
                  fileSystemId: %s
                emr:
                  coreType: m5.xlarge
                  coreCount: 1
                users:
                  - name: alice
                  - name: bob
                """.formatted(fs));
    }

    /** Set-up steps run in-process (faster; they are not under test here). */
    private void setUpRun(List<String> args) {
        CliRun.Result r = new CliRun().against(moto).workingDir(dir).home(dir).run(args.toArray(String[]::new));
        assertEquals(0, r.exitCode(), r.toString());
    }

    private Map<String, String> uninterrupted(List<List<String>> runs) throws Exception {
        fresh();
        for (List<String> args : runs) {
            setUpRun(args);
        }
        return snapshot();
    }

    private void assertHalfWrittenNever() throws Exception {
        String text = Files.readString(dir.resolve("hailctl.yaml"));
        assertTrue(text.startsWith("# interrupted and resumed") && text.endsWith("\n"), text);
    }

    // ---- the state an uninterrupted run leaves, with the emulator's random ids left out ----

    private Map<String, String> snapshot() throws Exception {
        Map<String, String> state = new TreeMap<>();
        List<StackSummary> stacks = aws.cloudFormation().listStacksPaginator(b -> { }).stackSummaries().stream()
                .filter(s -> s.stackStatus() != StackStatus.DELETE_COMPLETE).toList();
        stacks.stream().collect(Collectors.groupingBy(StackSummary::stackName, TreeMap::new, Collectors.toList()))
                .forEach((name, same) -> state.put("stack " + name, same.size() + "x "
                        + same.stream().map(s -> s.stackStatusAsString()).sorted().collect(Collectors.joining(","))));
        aws.efs().describeFileSystems().fileSystems().forEach(fs -> {
            var points = aws.efs().describeAccessPoints(b -> b.fileSystemId(fs.fileSystemId())).accessPoints();
            points.stream().collect(Collectors.groupingBy(a -> a.rootDirectory().path(), TreeMap::new,
                    Collectors.counting())).forEach((path, n) -> state.put("access point " + path, n + "x"));
            try {
                state.put("efs policy", aws.efs().describeFileSystemPolicy(b -> b.fileSystemId(fs.fileSystemId()))
                        .policy().replace(fs.fileSystemId(), "FS").replaceAll("fsap-[0-9a-f]+", "FSAP"));
            } catch (software.amazon.awssdk.services.efs.model.PolicyNotFoundException none) {
                state.put("efs policy", "none");
            }
        });
        for (var bucket : aws.s3().listBuckets().buckets()) {
            List<S3Object> objects = aws.s3().listObjectsV2Paginator(b -> b.bucket(bucket.name())).contents()
                    .stream().toList();
            state.put("bucket " + bucket.name(), objects.size() + " objects");
            objects.forEach(o -> state.put("object " + bucket.name() + "/" + o.key(), o.size() + " bytes"));
        }
        aws.ssm().describeParametersPaginator(b -> { }).stream().flatMap(r -> r.parameters().stream())
                .forEach(p -> state.put("ssm " + p.name(), "1x"));
        state.put("hailctl.yaml", Files.readString(dir.resolve("hailctl.yaml")).replaceAll("fs-[0-9a-f]+", "FS"));
        try (Stream<Path> files = Files.list(dir)) {
            state.put("stray files", files.map(f -> f.getFileName().toString())
                    .filter(n -> !n.equals("hailctl.yaml") && !n.startsWith(".out-") && !n.startsWith(".err-"))
                    .sorted().collect(Collectors.joining(",")));
        }
        return state;
    }
}
