package io.hailctl.testing;

import io.hailctl.aws.CallObserver;
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
    private CallObserver awsCalls = CallObserver.NONE;

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

    /** Observes every AWS call the run makes (e.g. to count writes). */
    public CliRun awsCalls(CallObserver observer) {
        this.awsCalls = observer;
        return this;
    }

    /** Points the run at this moto server as `--endpoint-url` would, with dummy credentials. */
    public CliRun against(Moto moto) {
        return against(moto.endpoint());
    }

    /** Points the run at this endpoint (e.g. a stand-in in front of moto) as `--endpoint-url` would, with dummy credentials. */
    public CliRun against(java.net.URI endpoint) {
        return env("AWS_ENDPOINT_URL", endpoint.toString()).env("AWS_ACCESS_KEY_ID", "test")
                .env("AWS_SECRET_ACCESS_KEY", "test").env("AWS_REGION", Moto.REGION)
                .env("AWS_EC2_METADATA_DISABLED", "true");
    }

    public CliRun interactive(boolean interactive) {
        this.interactive = interactive;
        return this;
    }

    public Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Host host = new Host(new PrintWriter(out, true), new PrintWriter(err, true),
                new BufferedReader(new StringReader(stdin)), Map.copyOf(env), workingDir, home, interactive, awsCalls);
        int code = Cli.create(host).execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
        }
    }
}
