package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import io.hailctl.plan.Topology;

import java.util.List;

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

        int run(Invocation inv, String command, java.util.function.Function<io.hailctl.plan.Plan,
                java.util.Set<io.hailctl.plan.StepId>> targets) throws InterruptedException {
            return new DeployRun(inv).run(command, targets,
                    dryRun ? io.hailctl.deploy.Deployment.Mode.PREVIEW : io.hailctl.deploy.Deployment.Mode.APPLY);
        }
    }

    @Command(name = "all", description = "Everything: buckets, network, every user's notebook, seed content, the AMI, the EMR cluster.")
    static final class All extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        All(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy all", plan -> new java.util.LinkedHashSet<>(
                    plan.steps().stream().map(io.hailctl.plan.Step::id).toList()));
        }
    }

    @Command(name = "s3", description = "The environment's three buckets (hail, logs, jupyter).")
    static final class S3 extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        S3(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy s3", plan -> java.util.Set.of(Topology.S3));
        }
    }

    @Command(name = "network", description = "The shared security groups (notebook clients, Livy on the EMR master).")
    static final class Network extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        Network(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy network", plan -> java.util.Set.of(Topology.NETWORK));
        }
    }

    @Command(name = "jupyter", description = "Notebook stacks: the named users', or every configured user's.")
    static final class Jupyter extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        @Parameters(arity = "0..*", paramLabel = "USER", description = "Users to deploy (default: all in hailctl.yaml).")
        List<String> users = List.of();

        Jupyter(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            io.hailctl.config.HailctlConfig config = invocation().config();
            List<String> names = users.isEmpty() ? config.userNames() : users;
            for (String name : names) {
                if (config.user(name).isEmpty()) {
                    throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE,
                            "user '" + name + "' is not in " + invocation().configPath().getFileName()
                                    + " (users: " + String.join(", ", config.userNames()) + ")",
                            "Add it with: hailctl add-user " + name);
                }
            }
            if (names.isEmpty()) {
                throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE,
                        "no users in " + invocation().configPath().getFileName(), "Add one with: hailctl add-user NAME");
            }
            String command = "deploy jupyter" + (users.isEmpty() ? "" : " " + String.join(" ", users));
            return deploy.run(invocation(), command, plan -> {
                java.util.Set<io.hailctl.plan.StepId> targets = new java.util.LinkedHashSet<>();
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
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        Ami(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            return deploy.run(invocation(), "deploy ami", plan -> {
                java.util.Set<io.hailctl.plan.StepId> targets = new java.util.LinkedHashSet<>();
                plan.step(Topology.PACKER_BUNDLE).ifPresent(s -> targets.add(s.id()));
                plan.step(Topology.AMI_STACK).ifPresent(s -> targets.add(s.id()));
                targets.add(Topology.AMI);
                return targets;
            });
        }
    }

    @Command(name = "emr", description = "EMR cluster stacks: the named clusters, or every configured one.")
    static final class Emr extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        @Parameters(arity = "0..*", paramLabel = "CLUSTER",
                description = "Clusters to deploy (default: every cluster in hailctl.yaml).")
        List<String> clusters = List.of();

        Emr(Host host) {
            super(host);
        }

        @Override
        public Integer call() throws InterruptedException {
            io.hailctl.config.HailctlConfig config = invocation().config();
            List<String> names = clusters.isEmpty() ? config.clusterNames() : clusters;
            for (String name : names) {
                if (config.cluster(name).isEmpty()) {
                    throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE,
                            "cluster '" + name + "' is not in " + invocation().configPath().getFileName()
                                    + " (clusters: " + String.join(", ", config.clusterNames()) + ")",
                            "Add it under clusters:, or start an ad-hoc one with: hailctl cluster start " + name);
                }
            }
            if (names.isEmpty()) {
                throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE,
                        "no clusters in " + invocation().configPath().getFileName(),
                        "Add one under clusters:, or start an ad-hoc one with: hailctl cluster start NAME");
            }
            String command = "deploy emr" + (clusters.isEmpty() ? "" : " " + String.join(" ", clusters));
            return deploy.run(invocation(), command, plan -> {
                java.util.Set<io.hailctl.plan.StepId> targets = new java.util.LinkedHashSet<>();
                names.forEach(n -> targets.add(Topology.emr(n)));
                return targets;
            });
        }
    }
}
