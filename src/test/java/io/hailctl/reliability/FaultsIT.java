package io.hailctl.reliability;

import io.hailctl.aws.AwsClients;
import io.hailctl.testing.CliRun;
import io.hailctl.testing.DemoYaml;
import io.hailctl.testing.FaultProxy;
import io.hailctl.testing.JsonDoc;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The real CLI (in-process) through {@link FaultProxy} at a 20 % fault rate, over seeded runs: each
 * run deploys a two-user environment with EFS, adds a user, seeds, reads status and destroys, and
 * after every command the emulator holds exactly what a run without faults leaves (a census of
 * stacks, access points, objects, SSM parameters, roles, notebooks, security groups, clusters),
 * and `-v` reported one retry for every fault injected into the command's calls.
 * <p>
 * Runs: {@code -Dhailctl.faults.runs=N} (default {@value #DEFAULT_RUNS}, so `./mvnw verify` stays
 * short; `scripts/fault-runs` runs the documented 20), from seed {@code -Dhailctl.faults.first=S}
 * (default 1). Figures go to target/reliability/faults.txt.
 */
@ExtendWith(MotoExtension.class)
class FaultsIT {
    static final int DEFAULT_RUNS = 2;
    static final double RATE = 0.20;
    /** The client's read timeout in these runs; delayed answers come 300 ms after it. */
    static final Duration READ_TIMEOUT = Duration.ofSeconds(2);
    private static final Pattern RETRIED = Pattern.compile("^aws: (\\S+) -> (\\S+) in \\d+ ms after (\\d+) retr(?:y|ies) \\((.*)\\)$",
            Pattern.MULTILINE);

    /** The environment lock (deploy.EnvironmentLock): taken by every command that writes, given back after it. */
    private static final String LOCK_PARAMETER = "/hailctl/demo/lock";

    private static final List<String> COMMANDS = List.of("deploy all", "add-user", "seed", "status", "destroy");

    @TempDir
    Path dir;

    private String config(String fileSystemId) {
        return DemoYaml.demo().efs(fileSystemId).users("alice", "bob").with("legacySsmParameters: true\n").yaml();
    }

    /** What one command did in one run. */
    record Outcome(String command, int exitCode, Map<String, Object> census, int injected, int retriesReported,
                   int resent, int upstream, int wireRetries, List<String> unseen, boolean lockLeft,
                   Map<FaultProxy.Kind, Integer> byKind, long millis, String output) {
    }

    /** One whole run (every command in order) at a rate and seed, in a freshly reset emulator. */
    private List<Outcome> run(Moto moto, long seed, double rate) throws Exception {
        moto.reset();
        Path work = Files.createDirectories(dir.resolve("run-" + seed));
        Path content = seedContent(work.resolve("content"));
        List<Outcome> out = new ArrayList<>();
        try (AwsClients direct = moto.clients(); FaultProxy proxy = new FaultProxy(moto.endpoint())) {
            String fs = direct.efs().createFileSystem(b -> b.creationToken("team-efs").encrypted(true)).fileSystemId();
            Files.writeString(work.resolve("hailctl.yaml"), config(fs));
            proxy.chaos(new FaultProxy.Chaos(seed, rate, READ_TIMEOUT));
            for (String command : COMMANDS) {
                String[] args = switch (command) {
                    case "deploy all" -> new String[] {"-v", "deploy", "all", "--yes"};
                    case "add-user" -> new String[] {"-v", "add-user", "carol"};
                    case "seed" -> new String[] {"-v", "seed", content.toString()};
                    case "status" -> new String[] {"-v", "-o", "json", "status"};
                    default -> new String[] {"-v", "destroy", "--yes"};
                };
                Map<FaultProxy.Kind, Integer> before = proxy.injectedByKind();
                int injectedBefore = proxy.injected();
                int logBefore = proxy.log().size();
                int resentBefore = proxy.resent();
                int upstreamBefore = proxy.upstreamTrouble();
                int wireRetriesBefore = proxy.sdkRetries();
                long started = System.nanoTime();
                CliRun.Result r = new CliRun().against(moto).env("AWS_ENDPOINT_URL", proxy.endpoint().toString())
                        .env(AwsClients.READ_TIMEOUT_VARIABLE, String.valueOf(READ_TIMEOUT.toMillis() / 1000.0))
                        .workingDir(work).home(work).run(args);
                long millis = (System.nanoTime() - started) / 1_000_000;
                Map<FaultProxy.Kind, Integer> kinds = new EnumMap<>(FaultProxy.Kind.class);
                proxy.injectedByKind().forEach((k, v) -> kinds.put(k, v - before.get(k)));
                Map<String, Object> census = census(direct, fs);
                if (command.equals("status")) {
                    census.put("status", statusView(r.out()));
                }
                boolean lockLeft = direct.ssm().describeParameters(b -> b.parameterFilters(f -> f.key("Name")
                        .option("Equals").values(LOCK_PARAMETER))).parameters().size() > 0;
                out.add(new Outcome(command, r.exitCode(), census, proxy.injected() - injectedBefore,
                        retriesReported(r.err()), proxy.resent() - resentBefore, proxy.upstreamTrouble() - upstreamBefore,
                        proxy.sdkRetries() - wireRetriesBefore, proxy.drainUnseen(), lockLeft, kinds, millis,
                        r + "\n--- faults injected\n" + String.join("\n", proxy.log().subList(logBefore, proxy.log().size()))));
                if (r.exitCode() != 0) {
                    break;
                }
            }
        }
        return out;
    }

    @Test
    void everyCommandConvergesUnderInjectedFaultsToExactlyWhatAFaultFreeRunLeaves(Moto moto) throws Exception {
        int runs = Integer.getInteger("hailctl.faults.runs", DEFAULT_RUNS);
        // The first seed (default 1): replays a seed of a published run on its own.
        long first = Long.getLong("hailctl.faults.first", 1);
        List<Outcome> baseline = run(moto, 0, 0.0);
        for (Outcome o : baseline) {
            assertEquals(0, o.exitCode(), o.output());
            assertEquals(0, o.injected());
        }
        Figures figures = new Figures(runs, first);
        List<String> failures = new ArrayList<>();
        for (long seed = first; seed < first + runs; seed++) {
            try {
                check(seed, run(moto, seed, RATE), baseline, figures);
            } catch (AssertionError | RuntimeException e) {
                // Go on with the other seeds: the figures say how many converged; the test fails below.
                failures.add("seed " + seed + ": " + e);
            }
        }
        assertTrue(runs == 0 || figures.injected() > 0, "faults were injected");
        figures.write(baseline, failures.size());
        assertEquals(List.of(), failures);
    }

    private static void check(long seed, List<Outcome> outcomes, List<Outcome> baseline, Figures figures) {
        for (int i = 0; i < outcomes.size(); i++) {
            Outcome o = outcomes.get(i);
            String where = "seed " + seed + ", " + o.command();
            assertEquals(0, o.exitCode(), where + ": did not converge\n" + o.output());
            assertEquals(baseline.get(i).census(), o.census(), where + ": not what a fault-free run leaves");
            assertTrue(!o.lockLeft(), where + ": the environment lock " + LOCK_PARAMETER + " was left behind");
            String counts = where + ": -v reports " + o.retriesReported() + " retried attempts for " + o.injected()
                    + " injected faults, " + o.resent() + " re-sent by the HTTP client, " + o.upstream()
                    + " failed or slow in moto itself, " + o.wireRetries() + " SDK retries on the wire\n" + o.output();
            // Every fault injected reached the client as a failure: its SDK sent the next attempt, or
            // its HTTP client re-sent the same one (read on the wire, per attempt).
            assertEquals(List.of(), o.unseen(), where + ": faults the client never saw\n" + counts);
            // Each fault is one failed attempt the SDK retried, unless the JDK's HTTP client re-sent
            // the request itself (a broken kept-alive connection: the SDK never sees it); retries of
            // moto's own failed or too-slow answers (a loaded machine) come on top. `-v` reports
            // exactly those, and exactly the SDK's retries seen on the wire.
            assertEquals(o.injected() - o.resent() + o.upstream(), o.retriesReported(), counts);
            assertEquals(o.wireRetries(), o.retriesReported(), counts);
            figures.add(o);
        }
        assertEquals(COMMANDS.size(), outcomes.size(), "seed " + seed + ": every command ran");
    }

    /** The documented count of every kind of thing the commands create, read straight from moto. */
    private static Map<String, Object> census(AwsClients aws, String fs) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("stacks", new TreeSet<>(aws.cloudFormation().describeStacks().stacks().stream()
                .filter(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE"))
                .map(s -> s.stackName() + " " + s.stackStatusAsString()).toList()));
        c.put("stack count", aws.cloudFormation().describeStacks().stacks().stream()
                .filter(s -> !s.stackStatusAsString().equals("DELETE_COMPLETE")).count());
        Map<String, Integer> accessPoints = new TreeMap<>();
        for (AccessPointDescription ap : aws.efs().describeAccessPoints(b -> b.fileSystemId(fs)).accessPoints()) {
            String user = ap.tags().stream().filter(t -> t.key().equals("Name")).map(t -> t.value()).findFirst().orElse("?");
            accessPoints.merge(user + " " + ap.rootDirectory().path(), 1, Integer::sum);
        }
        c.put("access points", accessPoints);
        Map<String, List<String>> objects = new TreeMap<>();
        for (var b : aws.s3().listBuckets().buckets()) {
            List<String> keys = new ArrayList<>();
            aws.s3().listObjectVersionsPaginator(r -> r.bucket(b.name())).versions()
                    .forEach(v -> keys.add(v.key()));
            keys.sort(String::compareTo);
            objects.put(b.name(), keys);
        }
        c.put("objects", objects);
        List<String> params = new ArrayList<>();
        aws.ssm().describeParametersPaginator(b -> b.maxResults(50)).stream()
                .flatMap(page -> page.parameters().stream()).forEach(p -> params.add(p.name()));
        params.sort(String::compareTo);
        c.put("ssm parameters", params);
        c.put("notebooks", aws.sageMakerAllOperations().listNotebookInstances().notebookInstances().size());
        c.put("security groups", aws.ec2AllOperations().describeSecurityGroups().securityGroups().stream()
                .filter(g -> !g.groupName().equals("default")).count());
        c.put("emr clusters", aws.emr().listClusters().clusters().size());
        return c;
    }

    /** The parts of `status -o json` that must not depend on faults (times and ids do). */
    private static Map<String, Object> statusView(String out) {
        Map<String, Object> doc = JsonDoc.object(out.strip());
        Map<String, Object> view = new LinkedHashMap<>();
        List<String> stacks = new ArrayList<>();
        for (Object s : (List<?>) doc.get("stacks")) {
            Map<?, ?> m = (Map<?, ?>) s;
            stacks.add(m.get("name") + " " + m.get("status"));
        }
        view.put("stacks", stacks);
        view.put("problems", doc.get("problems"));
        view.put("notebooks", ((List<?>) doc.get("notebooks")).size());
        return view;
    }

    private static int retriesReported(String err) {
        Matcher m = RETRIED.matcher(err);
        int n = 0;
        while (m.find()) {
            n += Integer.parseInt(m.group(3));
        }
        return n;
    }

    private static Path seedContent(Path dir) throws Exception {
        for (int i = 0; i < 6; i++) {
            Path p = dir.resolve("common-notebooks/team/nb" + i + ".ipynb");
            Files.createDirectories(p.getParent());
            Files.writeString(p, "{\"cells\": [], \"n\": " + i + "}\n");
        }
        Files.createDirectories(dir.resolve("scripts"));
        Files.writeString(dir.resolve("scripts/hello"), "#!/bin/bash\necho hello\n");
        return dir;
    }

    /** The published figures: faults injected by kind and command, retries reported, time. */
    private static final class Figures {
        private final int runs;
        private final long first;
        private final Map<String, Map<FaultProxy.Kind, Integer>> byCommand = new LinkedHashMap<>();
        private final Map<String, Integer> retries = new LinkedHashMap<>();
        private final Map<String, Integer> resent = new LinkedHashMap<>();
        private final Map<String, Integer> upstream = new LinkedHashMap<>();
        private final Map<String, Long> millis = new LinkedHashMap<>();
        private final Map<String, Integer> runsOf = new LinkedHashMap<>();

        Figures(int runs, long first) {
            this.runs = runs;
            this.first = first;
            for (String c : COMMANDS) {
                Map<FaultProxy.Kind, Integer> zero = new EnumMap<>(FaultProxy.Kind.class);
                for (FaultProxy.Kind k : FaultProxy.Kind.values()) {
                    zero.put(k, 0);
                }
                byCommand.put(c, zero);
                retries.put(c, 0);
                resent.put(c, 0);
                upstream.put(c, 0);
                millis.put(c, 0L);
                runsOf.put(c, 0);
            }
        }

        void add(Outcome o) {
            o.byKind().forEach((k, v) -> byCommand.get(o.command()).merge(k, v, Integer::sum));
            retries.merge(o.command(), o.retriesReported(), Integer::sum);
            resent.merge(o.command(), o.resent(), Integer::sum);
            upstream.merge(o.command(), o.upstream(), Integer::sum);
            millis.merge(o.command(), o.millis(), Long::sum);
            runsOf.merge(o.command(), 1, Integer::sum);
        }

        int injected() {
            return byCommand.values().stream().flatMap(m -> m.values().stream()).mapToInt(Integer::intValue).sum();
        }

        void write(List<Outcome> baseline, int failedRuns) throws Exception {
            StringBuilder b = new StringBuilder();
            b.append("fault runs: ").append(runs - failedRuns).append(" of ").append(runs)
                    .append(" converged with the fault-free census; ").append(runs).append(" seeds (").append(first).append("..").append(first + runs - 1).append("), rate ")
                    .append((int) (RATE * 100)).append(" %, read timeout ").append(READ_TIMEOUT.toMillis()).append(" ms\n");
            b.append("| command | runs converged | throttling | 503 | 500 | delay | reset | faults | retries in -v |"
                    + " re-sent by the HTTP client | moto's own 5xx/slow | mean time with faults | time without |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            int i = 0;
            for (String c : COMMANDS) {
                Map<FaultProxy.Kind, Integer> k = byCommand.get(c);
                int total = k.values().stream().mapToInt(Integer::intValue).sum();
                int n = Math.max(1, runsOf.get(c));
                b.append("| ").append(c).append(" | ").append(runsOf.get(c)).append("/").append(runs)
                        .append(" | ").append(k.get(FaultProxy.Kind.THROTTLING))
                        .append(" | ").append(k.get(FaultProxy.Kind.UNAVAILABLE))
                        .append(" | ").append(k.get(FaultProxy.Kind.INTERNAL_ERROR))
                        .append(" | ").append(k.get(FaultProxy.Kind.DELAY))
                        .append(" | ").append(k.get(FaultProxy.Kind.RESET))
                        .append(" | ").append(total).append(" | ").append(retries.get(c))
                        .append(" | ").append(resent.get(c)).append(" | ").append(upstream.get(c))
                        .append(" | ").append(String.format("%.1f s", millis.get(c) / 1000.0 / n))
                        .append(" | ").append(String.format("%.1f s", baseline.get(i++).millis() / 1000.0)).append(" |\n");
            }
            b.append("census after each command (equal in every run to the fault-free run):\n");
            for (Outcome o : baseline) {
                b.append("  ").append(o.command()).append(": ").append(o.census()).append('\n');
            }
            Path file = Path.of("target", "reliability", "faults.txt");
            Files.createDirectories(file.getParent());
            Files.writeString(file, b.toString(), StandardCharsets.UTF_8);
            System.out.println(b);
        }
    }
}
