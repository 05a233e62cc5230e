package io.hailctl.cli;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands (`deploy`, `local`): alone, it shows its usage. */
abstract class CommandGroup implements Runnable {
    @Spec
    CommandSpec spec;

    @Mixin
    HelpOption help = new HelpOption();

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
