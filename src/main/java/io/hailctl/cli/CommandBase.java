package io.hailctl.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** What every hailctl command shares: the host it runs on and the parsed global options. */
abstract class CommandBase implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    HelpOption help = new HelpOption();

    protected final Host host;
    private Invocation invocation;

    protected CommandBase(Host host) {
        this.host = host;
    }

    protected final Invocation invocation() {
        if (invocation == null) {
            HailctlCommand root = (HailctlCommand) spec.root().userObject();
            invocation = new Invocation(host, root.global());
            invocation.command(spec.qualifiedName());
            // HAILCTL_OUTPUT is checked before anything else, so a bad value is refused before any AWS read.
            invocation.output();
        }
        return invocation;
    }

    /** Why the run was refused by another run's lock, whatever exception the refused write became. */
    final java.util.Optional<io.hailctl.deploy.EnvironmentLock.Busy> lockRefusal() {
        return invocation == null ? java.util.Optional.empty() : invocation.lockRefusal();
    }

    /** After the command, whatever its outcome: gives back what the run holds (the environment lock). */
    final void finish() {
        if (invocation != null) {
            invocation.finish();
        }
    }
}
