package io.hailctl.cli;

import io.hailctl.deploy.Deployment;
import io.hailctl.plan.Plan;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

@Command(name = "deploy",
        description = "Deploy the environment, or one part of it, in dependency order. Outputs of earlier "
                + "stacks become parameters of later ones; unchanged stacks are left alone; re-running is safe.",
        subcommands = {
            DeployCommand.All.class, DeployCommand.S3.class, DeployCommand.Network.class,
            DeployCommand.Jupyter.class, DeployCommand.Ami.class, DeployCommand.Emr.class})
final class DeployCommand extends CommandGroup {

    /** Options shared by every `deploy` form. */
    static final class DeployOptions {
        @Option(names = "--dry-run", description = "Show what would change (change-set previews); write nothing.")
        boolean dryRun;

        int run(Invocation inv, String command, Function<Plan, Set<StepId>> targets) throws InterruptedException {
            return new DeployRun(inv).run(command, targets,
                    dryRun ? Deployment.Mode.PREVIEW : Deployment.Mode.APPLY);
        }
    }

    @Command(name = "all", description = "Everything: buckets, network, every user's notebook, seed content, the AMI, the EMR cluster.")
    static final class All extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        All(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy all", plan -> new LinkedHashSet<>(
                    plan.steps().stream().map(Step::id).toList()));
        }
    }

    @Command(name = "s3", description = "The environment's three buckets (hail, logs, jupyter).")
    static final class S3 extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        S3(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy s3", plan -> Set.of(Topology.S3));
        }
    }

    @Command(name = "network", description = "The shared security groups (notebook clients, Livy on the EMR master).")
    static final class Network extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        Network(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy network", plan -> Set.of(Topology.NETWORK));
        }
    }

    @Command(name = "jupyter", description = "Notebook stacks: the named users', or every configured user's.")
    static final class Jupyter extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        @Parameters(arity = "0..*", paramLabel = "USER", description = "Users to deploy (default: all in hailctl.yaml).")
        List<String> users = List.of();

        Jupyter(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            List<String> names = new ConfiguredNames("user", invocation().config().userNames(),
                    "Add it with: hailctl add-user %s", "Add one with: hailctl add-user NAME").select(users, invocation().configPath());
            String command = "deploy jupyter" + (users.isEmpty() ? "" : " " + String.join(" ", users));
            return deploy.run(invocation(), command, plan -> {
                Set<StepId> targets = new LinkedHashSet<>();
                for (String name : names) {
                    targets.add(Topology.jupyter(name));
                    plan.step(Topology.accessPoint(name)).ifPresent(s -> targets.add(s.id()));
                }
                return targets;
            });
        }
    }

    @Command(name = "ami", description = "The AMI the cluster will use: resolve it (default/public/explicit) or build it.")
    static final class Ami extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        Ami(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy ami", plan -> {
                Set<StepId> targets = new LinkedHashSet<>();
                plan.step(Topology.PACKER_BUNDLE).ifPresent(s -> targets.add(s.id()));
                plan.step(Topology.AMI_STACK).ifPresent(s -> targets.add(s.id()));
                targets.add(Topology.AMI);
                return targets;
            });
        }
    }

    @Command(name = "emr", description = "EMR cluster stacks: the named clusters, or every configured one.")
    static final class Emr extends CommandBase {
        @Mixin
        DeployOptions deploy = new DeployOptions();

        @Parameters(arity = "0..*", paramLabel = "CLUSTER",
                description = "Clusters to deploy (default: every cluster in hailctl.yaml).")
        List<String> clusters = List.of();

        Emr(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            List<String> names = new ConfiguredNames("cluster", invocation().config().clusterNames(),
                    "Add it under clusters:, or start an ad-hoc one with: hailctl cluster start %s",
                    "Add one under clusters:, or start an ad-hoc one with: hailctl cluster start NAME")
                    .select(clusters, invocation().configPath());
            String command = "deploy emr" + (clusters.isEmpty() ? "" : " " + String.join(" ", clusters));
            return deploy.run(invocation(), command, plan -> {
                Set<StepId> targets = new LinkedHashSet<>();
                names.forEach(n -> targets.add(Topology.emr(n)));
                return targets;
            });
        }
    }
}
