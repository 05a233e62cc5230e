package io.hailctl.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "completion",
        description = {
            "Print a shell completion script.",
            "  bash:  source <(hailctl completion bash)",
            "  zsh:   autoload -U +X bashcompinit && bashcompinit && source <(hailctl completion zsh)"})
final class CompletionCommand extends CommandBase {
    @Parameters(arity = "0..1", paramLabel = "SHELL", description = "bash or zsh (default: bash).",
            defaultValue = "bash")
    String shell;

    CompletionCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() {
        if (!shell.equals("bash") && !shell.equals("zsh")) {
            throw new io.hailctl.HailctlException(io.hailctl.ExitCode.USAGE,
                    "completion: shell \"" + shell + "\" is not supported: use bash or zsh");
        }
        // picocli's script works for zsh too through bashcompinit.
        host.out().print(AutoComplete.bash("hailctl", spec.root().commandLine()));
        host.out().flush();
        return 0;
    }
}
