package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.config.EmrSpec;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.clusters.ClusterReader;
import io.hailctl.deploy.clusters.ClusterReader.View;
import io.hailctl.deploy.clusters.ClusterRoster;
import io.hailctl.deploy.clusters.ClusterShape;
import io.hailctl.deploy.clusters.MaxAge;
import io.hailctl.deploy.ami.BuildPolicy;
import io.hailctl.deploy.stack.StackRunner;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.plan.HardStop;
import io.hailctl.plan.Component;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackDeletion;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.clusters.ClusterFacts.StepSummary;
import io.hailctl.deploy.clusters.ClusterSteps;
import io.hailctl.deploy.clusters.SparkSettings;
import io.hailctl.deploy.clusters.SsmTunnel;
import io.hailctl.deploy.clusters.StepFollower;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

@Command(name = "cluster",
        description = "Clusters as a daily tool, like Hail's `hailctl dataproc`: start ad-hoc clusters from the "
                + "environment's defaults, list, describe, resize and stop them.",
        subcommands = {ClusterCommand.Start.class, ClusterCommand.Stop.class, ClusterCommand.ListClusters.class,
            ClusterCommand.Describe.class, ClusterCommand.Modify.class, ClusterCommand.Submit.class,
            ClusterCommand.Logs.class, ClusterCommand.Connect.class})
final class ClusterCommand extends CommandGroup {

    /** The flags that shape a cluster, shared by `start` (all) and `modify` (a few). */
    static Optional<Duration> duration(String flag, String text) {
        if (text == null) {
            return Optional.empty();
        }
        return Optional.of(ClusterShape.parseDuration(text).orElseThrow(() -> new HailctlException(ExitCode.USAGE,
                flag + " " + text + ": expected a duration like 30m, 2h or 1d (0 = never)")));
    }

    @Command(name = "start", description = {
        "Start an ad-hoc cluster NAME (stack ENV-emr-NAME, tagged hailctl:ad-hoc) from the environment's defaults",
        "(the first cluster in hailctl.yaml), on the same network, subnet, buckets and AMI. Waits until it is up,",
        "then prints its id and Livy endpoint (--no-wait: returns once the create is accepted; --attach waits",
        "for it later). Refuses a name that exists."})
    static final class Start extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME", description = "2-20 lowercase letters, digits and hyphens.")
        String name;
        @Option(names = "--master-type", paramLabel = "TYPE") String masterType;
        @Option(names = "--core-type", paramLabel = "TYPE") String coreType;
        @Option(names = "--workers", paramLabel = "N", description = "Core nodes.") Integer workers;
        @Option(names = "--task-type", paramLabel = "TYPE") String taskType;
        @Option(names = "--task-min", paramLabel = "N") Integer taskMin;
        @Option(names = "--task-max", paramLabel = "N", description = "0 = no task nodes.") Integer taskMax;
        @Option(names = "--spot", description = "Task nodes on SPOT (core nodes stay on-demand: they hold HDFS).")
        boolean spot;
        @Option(names = "--max-idle", paramLabel = "DURATION", description = "Terminate when idle this long: 30m, 2h, 1d; 0 = never.")
        String maxIdle;
        @Option(names = "--max-age", paramLabel = "DURATION", description = "Hard stop: terminate this long after start, busy or idle: 30m to 14d; 0 = never (an EventBridge "
                + "Scheduler schedule in the cluster's stack).")
        String maxAge;
        @Option(names = "--release", paramLabel = "LABEL", description = "EMR release, e.g. emr-7.12.0.") String release;
        @Option(names = "--wait", negatable = true, defaultValue = "true", fallbackValue = "true",
                description = "Wait until the cluster is up (default). --no-wait returns once CloudFormation accepted the "
                        + "create and says how to follow it.")
        boolean waitForIt;
        @Option(names = "--attach", description = "Wait for cluster NAME, started earlier (e.g. with --no-wait), instead of "
                + "starting one; then print its id and Livy endpoint.")
        boolean attach;

        Start(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            if (attach) {
                return attach(inv, config);
            }
            ClusterShape shape = new ClusterShape(Optional.ofNullable(masterType), Optional.ofNullable(coreType),
                    Optional.ofNullable(workers), Optional.ofNullable(taskType), Optional.ofNullable(taskMin),
                    Optional.ofNullable(taskMax), spot, duration("--max-idle", maxIdle), Optional.ofNullable(release));
            EmrSpec spec = shape.over(config.clusterDefaults(), name);
            Optional<MaxAge> age = MaxAge.of(duration("--max-age", maxAge));
            if (config.cluster(name).isPresent()) {
                throw configured(name, inv, "; nothing started", "Deploy it with: hailctl deploy emr " + name);
            }
            if (!(config.ami().source() instanceof AmiSource.DefaultAmi)
                    && !spec.releaseLabel().equals(config.clusterDefaults().releaseLabel())) {
                throw new HailctlException(ExitCode.USAGE, "--release " + spec.releaseLabel() + ": with ami.source "
                        + config.ami().source().yamlValue() + " every cluster runs the one AMI, made for "
                        + config.clusterDefaults().releaseLabel());
            }
            inv.aws();
            DeployRun run = waitForIt ? new DeployRun(inv)
                    : new DeployRun(inv, new Wiring(inv, BuildPolicy.DEPLOY, StackRunner.Waiting.ACCEPTED));
            Wiring wiring = run.wiring();
            Optional<ClusterRoster.Entry> existing = new ClusterRoster(wiring.stacks()).find(config, name);
            existing.flatMap(ClusterRoster.Entry::stack).ifPresent(st -> {
                throw new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' exists (stack " + st.name() + ", "
                        + st.status() + "); nothing started", st.status().endsWith("_IN_PROGRESS")
                        ? "Wait for it with: hailctl cluster start " + name + " --attach"
                        : "See it with: hailctl cluster describe " + name);
            });
            NetworkFacts network = wiring.preflight().check(config);
            wiring.preflight().clusterTypesOffered(spec, network);
            Optional<HardStop> hardStop = age.map(a -> a.from(wiring.clock().instant()));
            int code = startStack(run, config, network, Topology.clusterStep(config, network, spec, true, hardStop),
                    "cluster start " + name);
            if (code == ExitCode.OK.code()) {
                started(inv, reader(wiring).describe(config, name, 0), waitForIt);
            }
            return code;
        }

        /**
         * {@code --attach}: a cluster whose stack is still being created is waited for through the engine, with the
         * parameters it was started with (so nothing changes: the stack ends "unchanged"); a settled one is shown.
         */
        private int attach(Invocation inv, HailctlConfig config) throws InterruptedException {
            if (masterType != null || coreType != null || workers != null || taskType != null || taskMin != null
                    || taskMax != null || spot || maxIdle != null || maxAge != null || release != null || !waitForIt) {
                throw new HailctlException(ExitCode.USAGE, "cluster start " + name + " --attach: takes no other option "
                        + "(it waits for the cluster as it was started)");
            }
            inv.aws();
            DeployRun run = new DeployRun(inv);
            Wiring wiring = run.wiring();
            View view = reader(wiring).describe(config, name, 0);
            if (view.entry().configured()) {
                throw configured(name, inv, ": its stack is deployed (and waited for) by deploy",
                        "Run: hailctl deploy emr " + name);
            }
            StackState stack = view.entry().stack().orElseThrow(() -> new HailctlException(ExitCode.REFUSED,
                    "cluster '" + name + "' is not deployed: nothing to attach to", "Start it with: hailctl cluster start " + name));
            if (stack.status().endsWith("_IN_PROGRESS")) {
                EmrSpec started = ClusterShape.fromStack(name, stack.parameters(), config.clusterDefaults());
                NetworkFacts network = wiring.preflight().network(config);
                int code = startStack(run, config, network, Topology.clusterStep(config, network, started, true,
                        view.hardStop()), "cluster start " + name + " --attach");
                if (code != ExitCode.OK.code()) {
                    return code;
                }
                view = reader(wiring).describe(config, name, 0);
            }
            started(inv, view, true);
            Optional<String> why = view.notRunning();
            if (why.isPresent()) {
                throw new HailctlException(ExitCode.FAILED, "cluster '" + name + "' did not start: " + why.get(),
                        "See why: hailctl cluster describe " + name + "; remove it: hailctl cluster stop " + name);
            }
            return ExitCode.OK.code();
        }

        /** The environment's plan plus the cluster's stack step, that step alone applied (the others read). */
        private static int startStack(DeployRun run, HailctlConfig config, NetworkFacts network, StackStep cluster,
                                      String command) throws InterruptedException {
            List<Step> steps = new ArrayList<>(Topology.plan(config, network).steps());
            steps.add(cluster);
            return run.execute(command, Plan.of(steps), Set.of(cluster.id()), Deployment.Mode.APPLY, "Start");
        }

        /** The closing lines: id, state, Livy and hard stop; or, not waited for, the stack and how to follow it. */
        private void started(Invocation inv, View view, boolean waited) {
            PrintWriter out = host.out();
            if (inv.json()) {
                Map<String, Object> doc = new java.util.LinkedHashMap<>(ClusterJson.row(view));
                doc.put("waited", waited);
                out.println(Json.write(doc));
            } else if (waited) {
                out.println("cluster " + name + ": " + view.clusterId().orElse("(no id)") + "  " + view.state()
                        + view.stateReason().map(r -> " (" + r + ")").orElse(""));
                out.println("Livy: " + view.livyUrl().orElse("(none: the cluster is not running)"));
                view.hardStop().ifPresent(h -> out.println("Hard stop: " + ClusterText.at(h)));
            } else {
                out.println("cluster " + name + ": create accepted; stack " + view.entry().stackName() + " is "
                        + view.entry().stack().map(StackState::status).orElse("(not found)"));
                view.hardStop().ifPresent(h -> out.println("Hard stop: " + ClusterText.at(h)));
                out.println("Follow it: hailctl cluster start " + name + " --attach  (or: hailctl cluster describe " + name + ")");
            }
            out.flush();
        }
    }

    @Command(name = "stop", description = {
        "Stop a cluster: delete its stack (EMR terminates the cluster). Asks first; --yes to skip.",
        "A configured cluster stays in hailctl.yaml: `hailctl deploy emr NAME` (or deploy all) starts it again."})
    static final class Stop extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        Stop(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            DeployRun run = new DeployRun(inv);
            ClusterRoster roster = new ClusterRoster(run.wiring().stacks());
            List<ClusterRoster.Entry> all = roster.all(config);
            ClusterRoster.Entry e = all.stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> ClusterReader.unknown(name, all));
            if (e.stack().isEmpty()) {
                host.out().println("cluster " + name + " is not deployed; nothing to stop");
                host.out().flush();
                return ExitCode.OK.code();
            }
            String question = "Stop cluster '" + name + "': delete stack " + e.stackName() + " (EMR terminates the cluster"
                    + (e.configured() ? "; it stays in " + inv.configPath().getFileName() + " and `hailctl deploy emr "
                    + name + "` starts it again" : "") + ")?";
            if (!run.wiring().confirmer().confirm(question)) {
                throw new HailctlException(ExitCode.REFUSED, "stop of cluster '" + name + "' not confirmed; nothing deleted",
                        "Run it at a terminal to answer the question, or pass --yes.");
            }
            StepId id = StepId.of("stop-" + name);
            Plan plan = Plan.of(List.of(new StackDeletion(id, e.stackName(), Component.EMR, Map.of())));
            return run.execute("cluster stop " + name, plan, Set.of(id), Deployment.Mode.APPLY, "Stop");
        }
    }

    @Command(name = "list", description = "Every cluster of the environment (configured and ad hoc): state, age, "
            + "idle termination, nodes, SPOT.")
    static final class ListClusters extends CommandBase {
        ListClusters(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            List<View> views = reader(new Wiring(inv)).list(config, 0);
            PrintWriter out = host.out();
            if (inv.json()) {
                out.println(Json.write(Map.of("clusters", views.stream().map(ClusterJson::row).toList())));
            } else {
                ClusterText.list(views, out);
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "describe", description = "One cluster: state, instance groups, applications, AMI, Hail version, "
            + "Livy URL, the last steps.")
    static final class Describe extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;

        Describe(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            View view = reader(new Wiring(inv)).describe(config, name, 5);
            PrintWriter out = host.out();
            if (inv.json()) {
                out.println(Json.write(ClusterJson.detail(view)));
            } else {
                ClusterText.describe(view, out);
            }
            out.flush();
            return ExitCode.OK.code();
        }
    }

    @Command(name = "modify", description = {
        "Resize an ad-hoc cluster or change its idle termination, through its stack (the template owns these",
        "values), showing before -> after. A configured cluster changes in hailctl.yaml and `deploy emr NAME`."})
    static final class Modify extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Option(names = "--workers", paramLabel = "N", description = "Core nodes.") Integer workers;
        @Option(names = "--task-max", paramLabel = "N") Integer taskMax;
        @Option(names = "--max-idle", paramLabel = "DURATION", description = "30m, 2h, 1d; 0 = never.") String maxIdle;

        Modify(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            if (workers == null && taskMax == null && maxIdle == null) {
                throw new HailctlException(ExitCode.USAGE, "cluster modify " + name
                        + ": nothing to change; give --workers N, --task-max N or --max-idle DURATION");
            }
            Optional<Duration> idle = duration("--max-idle", maxIdle);
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            DeployRun run = new DeployRun(inv);
            Wiring wiring = run.wiring();
            View view = reader(wiring).describe(config, name, 0);
            if (view.entry().configured()) {
                throw configured(name, inv, ": a change made here would be undone by the next deploy",
                        "Change it under clusters: and run: hailctl deploy emr " + name);
            }
            running(view, "modify");
            EmrSpec before = ClusterShape.fromStack(name, view.entry().stack().get().parameters(), config.clusterDefaults());
            EmrSpec after = new ClusterShape(Optional.empty(), Optional.empty(), Optional.ofNullable(workers),
                    Optional.empty(), Optional.empty(), Optional.ofNullable(taskMax), false, idle, Optional.empty())
                    .over(before, name);
            List<String> changes = ClusterText.changes(before, after);
            PrintWriter out = host.out();
            if (changes.isEmpty()) {
                out.println("cluster " + name + ": nothing to change");
                out.flush();
                return ExitCode.OK.code();
            }
            if (!inv.json()) {
                changes.forEach(c -> out.println("cluster " + name + ": " + c));
                out.flush();
            }
            NetworkFacts network = wiring.preflight().network(config);
            StackStep cluster = Topology.clusterStep(config, network, after, true, view.hardStop());
            List<Step> steps = new ArrayList<>(Topology.plan(config, network).steps());
            steps.add(cluster);
            int code = run.execute("cluster modify " + name, Plan.of(steps), Set.of(cluster.id()),
                    Deployment.Mode.APPLY, "Modify");
            if (code == ExitCode.OK.code() && inv.json()) {
                Map<String, Object> doc = ClusterJson.row(reader(wiring).describe(config, name, 0));
                doc.put("changes", ClusterJson.changes(before, after));
                out.println(Json.write(doc));
                out.flush();
            }
            return code;
        }
    }

    @Command(name = "submit", description = {
        "Run a Hail script on a cluster as an EMR step: upload it (and --files) under the hail bucket's",
        "hailctl/submit/NAME/ prefix, spark-submit it with the cluster's own Hail Spark settings, stream its",
        "stdout as EMR writes it to the log bucket, and exit with the step's result (failed: 1, with its reason",
        "and the last lines of its stderr). --no-wait prints the step id; `cluster logs` fetches the logs later."})
    static final class Submit extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "SCRIPT.py") Path script;
        @Parameters(index = "2..*", paramLabel = "ARGS", description = "Arguments of the script (options hailctl does "
                + "not know pass through; put them after -- when they clash with hailctl's).") List<String> args = List.of();
        @Option(names = "--files", split = ",", paramLabel = "FILE", description = "More files for the step (.py/.zip also on the Python path).")
        List<Path> files = List.of();
        @Option(names = "--no-wait", description = "Print the step id and return.") boolean noWait;

        Submit(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            List<Path> local = new ArrayList<>();
            local.add(script);
            local.addAll(files);
            for (Path p : local) {
                if (!Files.isRegularFile(inv.host().workingDir().resolve(p))) {
                    throw new HailctlException(ExitCode.USAGE, p + ": no such file");
                }
            }
            inv.aws();
            Wiring wiring = new Wiring(inv);
            View view = running(reader(wiring).describe(config, name, 0), "submit to");
            Map<String, String> params = view.entry().stack().orElseThrow().parameters();
            String bucket = params.get("HailBucket");
            String clusterId = view.clusterId().orElseThrow();
            ClusterSteps steps = wiring.clusterSteps();
            String prefix = "hailctl/submit/" + name + "/" + STAMP.format(wiring.clock().instant()) + "/";
            List<String> uris = new ArrayList<>();
            for (Path p : local) {
                String key = prefix + p.getFileName();
                steps.upload(bucket, key, inv.host().workingDir().resolve(p));
                uris.add("s3://" + bucket + "/" + key);
            }
            Map<String, String> spark = SparkSettings.fromTemplate(wiring.bundle().template("hail-emr.yml"), bucket,
                    params.getOrDefault("ClusterName", config.environment() + "-" + name));
            String stepId = steps.addStep(clusterId, "hailctl submit " + script.getFileName(),
                    SparkSettings.submitArgs(spark, uris.get(0), uris.subList(1, uris.size()), args));
            PrintWriter out = host.out();
            if (noWait) {
                out.println(inv.json() ? Json.write(Map.of("cluster", name, "clusterId", clusterId, "stepId", stepId))
                        : stepId);
                out.flush();
                return ExitCode.OK.code();
            }
            if (!inv.json()) {
                host.err().println("step " + stepId + " on " + name + " (" + clusterId + "): " + uris.get(0));
                host.err().flush();
            }
            StepFollower follower = new StepFollower(steps, Sleeper.REAL, line -> {
                if (!inv.json()) {
                    out.println(line);
                    out.flush();
                }
            }, line -> {
                host.err().println(line);
                host.err().flush();
            });
            StepSummary done = follower.follow(name, clusterId, stepId,
                    StepFollower.StepLogs.of(steps.logUri(clusterId), clusterId, stepId));
            if (inv.json()) {
                out.println(Json.write(Map.of("cluster", name, "clusterId", clusterId, "stepId", stepId, "state", done.state())));
                out.flush();
            }
            return ExitCode.OK.code();
        }
    }

    @Command(name = "logs", description = "A step's stdout (and with --stderr its stderr) from the log bucket, and its state.")
    static final class Logs extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", paramLabel = "STEP", description = "The step id (s-...).") String stepId;
        @Option(names = "--stderr", description = "Print stderr instead of stdout.") boolean stderr;

        Logs(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            Wiring wiring = new Wiring(inv);
            View view = reader(wiring).describe(config, name, 0);
            String clusterId = view.clusterId().orElseThrow(() -> new HailctlException(ExitCode.REFUSED,
                    "cluster '" + name + "' is " + view.state() + ": it has no steps"));
            ClusterSteps steps = wiring.clusterSteps();
            StepSummary step = steps.step(clusterId, stepId).orElseThrow(() -> new HailctlException(ExitCode.USAGE,
                    "unknown step '" + stepId + "' on cluster " + name + " (" + clusterId + ")"));
            Optional<StepFollower.StepLogs> logs = StepFollower.StepLogs.of(steps.logUri(clusterId), clusterId, stepId);
            List<String> lines = logs.map(l -> new StepFollower(steps, Sleeper.REAL, x -> { }, x -> { })
                    .lines(l, stderr ? "stderr.gz" : "stdout.gz")).orElse(List.of());
            PrintWriter out = host.out();
            if (inv.json()) {
                Map<String, Object> doc = new java.util.LinkedHashMap<>();
                doc.put("stepId", stepId);
                doc.put("state", step.state());
                doc.put("failure", step.failure());
                doc.put(stderr ? "stderr" : "stdout", lines);
                out.println(Json.write(doc));
            } else {
                lines.forEach(out::println);
                host.err().println("step " + stepId + " " + step.state() + step.failure().map(f -> ": " + f).orElse("")
                        + (lines.isEmpty() ? " (no " + (stderr ? "stderr" : "stdout") + " in the log bucket yet)" : ""));
                host.err().flush();
            }
            out.flush();
            return step.state().equals("FAILED") ? ExitCode.FAILED.code() : ExitCode.OK.code();
        }
    }

    @Command(name = "connect", description = {
        "Reach the master through an SSM session (no inbound port, no key pair): livy (default), spark-ui",
        "(Spark history server), yarn (ResourceManager UI) on localhost, or shell. Runs `aws ssm start-session`;",
        "without the AWS CLI or its Session Manager plugin, says how to install them and prints the command."})
    static final class Connect extends CommandBase {
        @Parameters(index = "0", paramLabel = "NAME") String name;
        @Parameters(index = "1", arity = "0..1", paramLabel = "TARGET", defaultValue = "livy",
                description = "livy, spark-ui, yarn or shell.") String target;
        @Option(names = "--local-port", paramLabel = "PORT", description = "Local port (default: the remote one).")
        Integer localPort;
        @Option(names = "--print", description = "Only print the aws ssm start-session command.") boolean printOnly;

        Connect(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            SsmTunnel.Target t = SsmTunnel.Target.of(target).orElseThrow(() -> new HailctlException(ExitCode.USAGE,
                    "cluster connect " + name + " " + target + ": expected livy, spark-ui, yarn or shell"));
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            inv.aws();
            Wiring wiring = new Wiring(inv);
            View view = running(reader(wiring).describe(config, name, 0), "connect to");
            String clusterId = view.clusterId().orElseThrow();
            String instance = wiring.clusterSteps().masterInstanceId(clusterId).orElseThrow(() -> new HailctlException(
                    ExitCode.REFUSED, "cluster '" + name + "' (" + clusterId + ") has no master instance yet"));
            int remote = t == SsmTunnel.Target.LIVY
                    ? Integer.parseInt(view.entry().stack().orElseThrow().outputs().getOrDefault("LivyPort", ClusterReader.DEFAULT_LIVY_PORT))
                    : t.defaultPort();
            SsmTunnel tunnel = new SsmTunnel(t, instance, inv.aws().region(), remote, localPort == null ? remote : localPort);
            String command = String.join(" ", tunnel.command());
            PrintWriter out = host.out();
            if (printOnly || inv.json()) {
                out.println(inv.json() ? Json.write(Map.of("command", tunnel.command(), "localUrl", tunnel.localUrl()))
                        : command);
                out.flush();
                return ExitCode.OK.code();
            }
            Optional<String> missing = onPath("aws").isEmpty() ? Optional.of("the AWS CLI (aws) is not installed")
                    : onPath(SsmTunnel.PLUGIN).isEmpty() ? Optional.of("the Session Manager plugin ("
                    + SsmTunnel.PLUGIN + ") is not installed") : Optional.empty();
            if (missing.isPresent()) {
                host.err().println("Run this once it is installed:");
                host.err().println("  " + command);
                host.err().flush();
                throw new HailctlException(ExitCode.REFUSED, "cluster connect " + name + ": " + missing.get(),
                        "Install it: " + SsmTunnel.PLUGIN_INSTALL + " (macOS: brew install --cask session-manager-plugin;"
                                + " Debian/Ubuntu: the session-manager-plugin.deb from that page, then sudo dpkg -i)");
            }
            tunnel.localUrl().ifPresent(u -> out.println(t.word() + " on " + name + ": " + u + "  (Ctrl-C ends the session)"));
            out.flush();
            try {
                return new ProcessBuilder(tunnel.command()).inheritIO().start().waitFor();
            } catch (java.io.IOException e) {
                throw new HailctlException(ExitCode.FAILED, "could not run " + command + ": " + e.getMessage());
            }
        }

        private Optional<Path> onPath(String program) {
            String path = host.env("PATH");
            if (path == null) {
                return Optional.empty();
            }
            for (String dir : path.split(java.io.File.pathSeparator)) {
                Path p = Path.of(dir).resolve(program);
                if (Files.isExecutable(p)) {
                    return Optional.of(p);
                }
            }
            return Optional.empty();
        }
    }

    private static final java.time.format.DateTimeFormatter STAMP = java.time.format.DateTimeFormatter
            .ofPattern("yyyyMMdd-HHmmss").withZone(java.time.ZoneOffset.UTC);

    /** The cluster, when it can take work: deployed and not terminating or terminated (never faked). */
    static View running(View view, String verb) {
        if (view.entry().stack().isEmpty() || view.clusterId().isEmpty() || view.terminated()) {
            throw new HailctlException(ExitCode.REFUSED, "cluster '" + view.entry().name() + "' is " + view.state()
                    + view.stateReason().map(r -> " (" + r + ")").orElse("") + ": nothing to " + verb,
                    "Start one with: hailctl cluster start NAME (or hailctl deploy emr NAME for a configured one)");
        }
        return view;
    }

    /** The refusal for a verb meant for ad hoc clusters, used on one declared in hailctl.yaml. */
    static HailctlException configured(String name, Invocation inv, String consequence, String hint) {
        return new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' is configured in "
                + inv.configPath().getFileName() + consequence, hint);
    }

    static ClusterReader reader(Wiring wiring) {
        return wiring.clusterReader();
    }
}
