package io.hailctl.cli;

import picocli.CommandLine.Option;

/** -h/--help on every command (the root also has -V/--version). */
final class HelpOption {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;
}
