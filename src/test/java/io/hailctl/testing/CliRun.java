package io.hailctl.testing;

import io.hailctl.cli.Cli;
import io.hailctl.cli.Host;

import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs hailctl in-process with its own streams, environment and folders, as a user would. */
public final class CliRun {
    private final Map<String, String> env = new HashMap<>();
    private Path workingDir = Path.of("").toAbsolutePath();
    private Path home = Path.of(System.getProperty("user.home"));
    private String stdin = "";
    private boolean interactive;
    private String endpoint;

    /** Runs against the test's moto server, as `--endpoint-url` with the emulator's credentials would. */
    public CliRun moto(Moto moto) {
        env("AWS_ACCESS_KEY_ID", "test");
        env("AWS_SECRET_ACCESS_KEY", "test");
        env("AWS_REGION", Moto.REGION);
        env("AWS_EC2_METADATA_DISABLED", "true");
        this.endpoint = moto.endpoint().toString();
        return this;
    }

    public CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    public CliRun workingDir(Path dir) {
        this.workingDir = dir;
        return this;
    }

    public CliRun home(Path dir) {
        this.home = dir;
        return this;
    }

    public CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    public CliRun interactive(boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Host host = new Host(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), Map.copyOf(env), workingDir, home, interactive);
        String[] all = args;
        if (endpoint != null) {
            all = new String[args.length + 2];
            all[0] = "--endpoint-url";
            all[1] = endpoint;
            System.arraycopy(args, 0, all, 2, args.length);
        }
        int code = Cli.create(host).execute(all);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
