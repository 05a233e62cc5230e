package io.hailctl;

import io.hailctl.cli.Cli;
import io.hailctl.cli.CompletionNames;
import io.hailctl.cli.Interrupts;
import io.hailctl.cli.PrerenderedHelp;
import io.hailctl.cli.Version;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        // Fast path: `hailctl --version` is what scripts call most; answer it without building the
        // picocli model (about 30 ms of class loading on a 2-core machine).
        if (args.length == 1 && ("--version".equals(args[0]) || "-V".equals(args[0]))) {
            System.out.println(Version.line());
            return;
        }
        // Same for a bare `hailctl --help`: picocli's own text, rendered ahead of time (PrerenderedHelp).
        if (args.length == 1 && ("--help".equals(args[0]) || "-h".equals(args[0]))) {
            Optional<String> help = PrerenderedHelp.forThisProcess(System.getenv("NO_COLOR"));
            if (help.isPresent()) {
                byte[] text = help.get().getBytes(StandardCharsets.UTF_8);
                System.out.write(text, 0, text.length);
                System.out.flush();
                return;
            }
        }
        // And for the completion script's `hailctl __complete cluster-names`, called on every TAB: it reads
        // only hailctl.yaml, so it needs neither picocli's model nor AWS.
        if (args.length >= 1 && CompletionNames.COMMAND.equals(args[0])) {
            CompletionNames.print(List.of(args).subList(1, args.length), System.getenv(), Path.of("").toAbsolutePath(), System.out);
            return;
        }
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        Interrupts interrupts = Interrupts.forProcess(err, List.of(args));
        int code = Cli.create(out, err, System.getenv(), interrupts).execute(args);
        interrupts.finished();
        out.flush();
        err.flush();
        System.exit(code);
    }
}
