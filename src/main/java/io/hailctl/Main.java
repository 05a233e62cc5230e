package io.hailctl;

import io.hailctl.cli.Cli;
import io.hailctl.cli.Interrupts;
import io.hailctl.cli.Version;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;

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
