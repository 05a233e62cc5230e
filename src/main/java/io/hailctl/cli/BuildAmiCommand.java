package io.hailctl.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "build-ami", description = "Build a Hail (optionally VEP) AMI with CodeBuild + Packer, wait for it, and record it for `deploy emr`.")
final class BuildAmiCommand extends CommandBase {
    @Option(names = "--hail-version", paramLabel = "V", description = "Hail version (default: ami.hailVersion).")
    String hailVersion;

    @Option(names = "--vep-version", paramLabel = "V", description = "VEP release or `none` (default: ami.vepVersion).")
    String vepVersion;

    @Option(names = "--no-wait", description = "Start the build and return.")
    boolean noWait;

    @Option(names = "--attach", arity = "0..1", paramLabel = "BUILD_ID", fallbackValue = "",
            description = "Re-attach to a running build (the latest one if no id is given).")
    String attach;

    @Option(names = "--follow", description = "Stream the build's log lines.")
    boolean follow;

    BuildAmiCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        throw notImplemented("build-ami", 6);
    }
}
