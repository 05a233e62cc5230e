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

import java.io.PrintWriter;
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
            ClusterCommand.Describe.class, ClusterCommand.Modify.class})
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
        "then prints its id and Livy endpoint. Refuses a name that exists."})
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
        @Option(names = "--release", paramLabel = "LABEL", description = "EMR release, e.g. emr-7.12.0.") String release;

        Start(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            Invocation inv = invocation();
            HailctlConfig config = inv.config();
            ClusterShape shape = new ClusterShape(Optional.ofNullable(masterType), Optional.ofNullable(coreType),
                    Optional.ofNullable(workers), Optional.ofNullable(taskType), Optional.ofNullable(taskMin),
                    Optional.ofNullable(taskMax), spot, duration("--max-idle", maxIdle), Optional.ofNullable(release));
            EmrSpec spec = shape.over(config.clusterDefaults(), name);
            if (config.cluster(name).isPresent()) {
                throw new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' is configured in "
                        + inv.configPath().getFileName() + "; nothing started", "Deploy it with: hailctl deploy emr " + name);
            }
            if (!(config.ami().source() instanceof AmiSource.DefaultAmi)
                    && !spec.releaseLabel().equals(config.clusterDefaults().releaseLabel())) {
                throw new HailctlException(ExitCode.USAGE, "--release " + spec.releaseLabel() + ": with ami.source "
                        + config.ami().source().yamlValue() + " every cluster runs the one AMI, made for "
                        + config.clusterDefaults().releaseLabel());
            }
            inv.aws();
            DeployRun run = new DeployRun(inv);
            Wiring wiring = run.wiring();
            Optional<ClusterRoster.Entry> existing = new ClusterRoster(wiring.stacks()).find(config, name);
            existing.flatMap(ClusterRoster.Entry::stack).ifPresent(st -> {
                throw new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' exists (stack " + st.name() + ", "
                        + st.status() + "); nothing started", "See it with: hailctl cluster describe " + name);
            });
            NetworkFacts network = wiring.preflight().check(config);
            wiring.preflight().clusterTypesOffered(spec, network);
            StackStep cluster = Topology.clusterStep(config, network, spec, true);
            List<Step> steps = new ArrayList<>(Topology.plan(config, network).steps());
            steps.add(cluster);
            int code = run.execute("cluster start " + name, Plan.of(steps), Set.of(cluster.id()),
                    Deployment.Mode.APPLY, "Start");
            if (code == ExitCode.OK.code()) {
                View view = reader(wiring).describe(config, name, 0);
                PrintWriter out = host.out();
                if (inv.json()) {
                    out.println(Json.write(ClusterJson.row(view)));
                } else {
                    out.println("cluster " + name + ": " + view.clusterId().orElse("(no id)") + "  " + view.state()
                            + view.stateReason().map(r -> " (" + r + ")").orElse(""));
                    out.println("Livy: " + view.livyUrl().orElse("(none: the cluster is not running)"));
                }
                out.flush();
            }
            return code;
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
                throw new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' is configured in "
                        + inv.configPath().getFileName() + ": a change made here would be undone by the next deploy",
                        "Change it under clusters: and run: hailctl deploy emr " + name);
            }
            if (view.entry().stack().isEmpty() || view.terminated()) {
                throw new HailctlException(ExitCode.REFUSED, "cluster '" + name + "' is " + view.state()
                        + view.stateReason().map(r -> " (" + r + ")").orElse("") + ": nothing to modify",
                        "Stop it (hailctl cluster stop " + name + ") and start a new one.");
            }
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
            StackStep cluster = Topology.clusterStep(config, network, after, true);
            List<Step> steps = new ArrayList<>(Topology.plan(config, network).steps());
            steps.add(cluster);
            return run.execute("cluster modify " + name, Plan.of(steps), Set.of(cluster.id()),
                    Deployment.Mode.APPLY, "Modify");
        }
    }

    static ClusterReader reader(Wiring wiring) {
        return wiring.clusterReader();
    }
}
