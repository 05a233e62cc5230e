package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.aws.AwsClients;
import io.hailctl.aws.SsmLockStore;
import io.hailctl.aws.WriteGate;
import io.hailctl.deploy.EnvironmentLock;
import picocli.CommandLine.Command;

import java.util.Optional;

/** Removes the environment lock a run left behind (a killed process, a lost machine); asks first. */
@Command(name = "unlock", description = "Remove the lock a hailctl run left on this environment when that run is gone (asks first).")
final class UnlockCommand extends CommandBase {
    UnlockCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        Invocation inv = invocation();
        String environment = inv.config().environment();
        AwsClients aws = inv.aws();
        // Removing someone's lock must not take it for this run.
        aws.gateWrites(WriteGate.OPEN);
        EnvironmentLock.Store store = new SsmLockStore(aws.ssm());
        Optional<String> held = store.read(EnvironmentLock.nameFor(environment));
        if (held.isEmpty()) {
            inv.host().out().println("Environment " + environment + " is not locked.");
            inv.host().out().flush();
            return ExitCode.OK.code();
        }
        String holder = EnvironmentLock.describe(EnvironmentLock.Holder.decoded(held.get()));
        if (!new Wiring(inv).confirmer().confirm("Remove the lock on environment " + environment + " held by " + holder
                + "? Only if that run is gone: a run still going would be changed by two at once.")) {
            throw new HailctlException(ExitCode.REFUSED, "unlock of environment " + environment + " not confirmed; lock kept",
                    "Run it at a terminal to answer the question, or pass --yes.");
        }
        EnvironmentLock.breakLock(environment, store);
        inv.host().out().println("Removed the lock on environment " + environment + " held by " + holder + ".");
        inv.host().out().flush();
        return ExitCode.OK.code();
    }
}
