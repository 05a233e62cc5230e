package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "hailctl",
        versionProvider = Version.class,
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpAutoWidth = true,
        description = {
            "Deploy and operate Hail on Amazon EMR: buckets, per-user SageMaker notebooks,",
            "custom AMIs, EMR clusters.",
            "",
            "Reads the environment from hailctl.yaml (see `hailctl init`). Typical use:",
            "  hailctl init            write a commented hailctl.yaml to edit",
            "  hailctl plan            preview what would change (no writes)",
            "  hailctl deploy all      deploy everything in order (in parallel where possible)",
            "  hailctl status          one screen: stacks, notebooks, clusters, AMI",
            "Try it without AWS: hailctl --local deploy all --config examples/local.yaml",
            ""},
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0 ok               1 failed (an AWS operation failed)",
            "  2 bad input        3 refused (pre-flight check, another run; nothing written)",
            "  4 AWS access       5 not implemented",
            "  70 internal error  130 interrupted",
            "",
            "Not Hail's own `hailctl` (pip install hail), which manages Dataproc clusters."},
        subcommands = {
            InitCommand.class,
            DeployCommand.class,
            ClusterCommand.class,
            PlanCommand.class,
            AddUserCommand.class,
            RemoveUserCommand.class,
            BuildAmiCommand.class,
            SeedCommand.class,
            StatusCommand.class,
            AmisCommand.class,
            DestroyCommand.class,
            UnlockCommand.class,
            LocalCommand.class,
            CompletionCommand.class,
            TrainCommand.class,
            StandInCommand.class,
        })
public final class HailctlCommand implements Runnable {
    @Mixin
    private GlobalOptions global = new GlobalOptions();

    @picocli.CommandLine.Spec
    private picocli.CommandLine.Model.CommandSpec spec;

    public GlobalOptions global() {
        return global;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
