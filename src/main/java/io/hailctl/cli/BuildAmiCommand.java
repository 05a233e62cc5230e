package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.Optional;

@Command(name = "build-ami",
        description = {"Build a Hail (optionally VEP) AMI with CodeBuild + Packer, wait for it, and record it for `deploy emr`.",
            "Deploys or updates the AMI-build stack, uploads the Packer bundle when it changed, starts the build "
                    + "with the versions as overrides and follows its phases. An AMI already built for the same "
                    + "versions and bundle is reused (--rebuild builds anyway); a build already running for them is "
                    + "attached to. Ctrl-C stops waiting, not the build."})
final class BuildAmiCommand extends CommandBase {
    @Option(names = "--hail-version", paramLabel = "V", description = "Hail version (default: ami.hailVersion).")
    String hailVersion;

    @Option(names = "--vep-version", paramLabel = "V", description = "VEP release or `none` (default: ami.vepVersion).")
    String vepVersion;

    @Option(names = "--no-wait", description = "Start the build and return (prints how to attach).")
    boolean noWait;

    @Option(names = "--attach", arity = "0..1", paramLabel = "BUILD_ID", fallbackValue = "",
            description = "Re-attach to a build (the project's newest if no id is given) instead of starting one.")
    String attach;

    @Option(names = "--follow", description = "Stream the build's log lines while waiting.")
    boolean follow;

    @Option(names = "--rebuild", description = "Build even if an AMI for the same versions and bundle exists.")
    boolean rebuild;

    BuildAmiCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        BuildAmiRun.Request request = new BuildAmiRun.Request(Optional.ofNullable(hailVersion),
                Optional.ofNullable(vepVersion), noWait, Optional.ofNullable(attach), follow, rebuild);
        return new BuildAmiRun(invocation(), request).run();
    }
}
