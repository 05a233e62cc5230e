package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

@Command(name = "completion",
        description = {
            "Print a shell completion script.",
            "Completes commands, options, and the NAME of cluster stop, describe, submit,",
            "logs, connect, modify and deploy emr with the cluster names of the environment's",
            "file (hailctl.yaml, $HAILCTL_CONFIG, or --config FILE on the line). Only that",
            "file is read, never AWS (fast, offline): ad-hoc clusters are not offered.",
            "  bash:  source <(hailctl completion bash)",
            "  zsh:   autoload -U +X bashcompinit && bashcompinit && source <(hailctl completion zsh)"})
final class CompletionCommand extends CommandBase {
    /** The cluster-name completion added to picocli's script (resource next to this class). */
    static final String NAMES_SCRIPT = "completion-names.bash";
    private static final String PICOCLI_FUNCTION = "_complete_hailctl";

    @Parameters(arity = "0..1", paramLabel = "SHELL", description = "bash or zsh (default: bash).",
            defaultValue = "bash")
    String shell;

    CompletionCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new HailctlException(ExitCode.USAGE,
                    "completion: shell \"" + shell + "\" is not supported: use bash or zsh");
        }
        // picocli's script works for zsh too through bashcompinit.
        host.out().print(script(spec.root().commandLine()));
        host.out().flush();
        return 0;
    }

    /**
     * picocli's script, then the cluster-name completion, which takes over TAB and hands everything but
     * a cluster NAME back to picocli's function.
     */
    static String script(CommandLine root) {
        String picocli = AutoComplete.bash("hailctl", root);
        String registration = picocli.lines().filter(l -> l.startsWith("complete -F " + PICOCLI_FUNCTION + " "))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new IllegalStateException("picocli's completion script registers no " + PICOCLI_FUNCTION));
        return picocli + names().replace("@ARG_OPTIONS@", String.join(" ", argOptions(root)))
                + registration.replace(PICOCLI_FUNCTION, "_hailctl_complete") + "\n";
    }

    /** Every option of every command that takes a value (global ones included). */
    static TreeSet<String> argOptions(CommandLine command) {
        TreeSet<String> names = new TreeSet<>();
        for (OptionSpec o : command.getCommandSpec().options()) {
            if (o.arity().max() > 0) {
                names.addAll(List.of(o.names()));
            }
        }
        command.getSubcommands().values().forEach(sub -> names.addAll(argOptions(sub)));
        return names;
    }

    private static String names() {
        try (InputStream in = Objects.requireNonNull(CompletionCommand.class.getResourceAsStream(NAMES_SCRIPT), NAMES_SCRIPT)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
