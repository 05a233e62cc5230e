package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

@Command(name = "deploy",
        description = "Deploy the environment, or one part of it, in dependency order. Outputs of earlier "
                + "stacks become parameters of later ones; unchanged stacks are left alone; re-running is safe.",
        subcommands = {
            DeployCommand.All.class, DeployCommand.S3.class, DeployCommand.Network.class,
            DeployCommand.Jupyter.class, DeployCommand.Ami.class, DeployCommand.Emr.class})
final class DeployCommand implements Runnable {
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @picocli.CommandLine.Mixin
    HelpOption help = new HelpOption();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** Options shared by every `deploy` form. */
    static final class DeployOptions {
        @Option(names = "--dry-run", description = "Show what would change (change-set previews); write nothing.")
        boolean dryRun;

        @Option(names = "--no-wait", description = "Start the stack operations and return without waiting.")
        boolean noWait;
    }

    @Command(name = "all", description = "Everything: buckets, network, every user's notebook, seed content, the AMI, the EMR cluster.")
    static final class All extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        All(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            throw notImplemented("deploy all", 4);
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
        public Integer call() {
            throw notImplemented("deploy s3", 4);
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
        public Integer call() {
            throw notImplemented("deploy network", 4);
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
        public Integer call() {
            throw notImplemented("deploy jupyter", 4);
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
        public Integer call() {
            throw notImplemented("deploy ami", 6);
        }
    }

    @Command(name = "emr", description = "The EMR cluster stack.")
    static final class Emr extends CommandBase {
        @picocli.CommandLine.Mixin
        DeployOptions deploy = new DeployOptions();

        @Parameters(arity = "0..1", paramLabel = "CLUSTER", description = "Cluster name (default: emr.name in hailctl.yaml).")
        String cluster;

        Emr(Host host) {
            super(host);
        }

        @Override
        public Integer call() {
            throw notImplemented("deploy emr", 4);
        }
    }
}
