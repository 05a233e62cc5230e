package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.aws.CallObserver;
import io.hailctl.aws.SsmLockStore;
import io.hailctl.config.ConfigLoader;
import io.hailctl.config.HailctlConfig;
import io.hailctl.config.Overrides;
import io.hailctl.config.Precedence;
import io.hailctl.deploy.EnvironmentLock;
import io.hailctl.deploy.ReadPace;
import io.hailctl.deploy.Sleeper;
import io.hailctl.local.LocalEmulator;
import io.hailctl.progress.OutputFormat;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;

/**
 * One run of one command: the global options layered over the environment (flag &gt; environment
 * variable &gt; hailctl.yaml &gt; default), and the things built from them on first use.
 */
final class Invocation {
    private final Host host;
    private final GlobalOptions options;
    private AwsClients aws;
    private HailctlConfig config;
    private String command = "hailctl";
    private EnvironmentLock lock;

    Invocation(Host host, GlobalOptions options) {
        this.host = host;
        this.options = options;
    }

    /** With clients opened by the caller: tests that need SDK interceptors for emulator quirks. */
    Invocation(Host host, GlobalOptions options, AwsClients aws) {
        this(host, options);
        this.aws = aws;
        lockingWrites(aws);
        pacingReads(aws);
    }

    /** The command line this run answers to (e.g. "hailctl deploy all"), named in the environment lock. */
    void command(String command) {
        this.command = command;
    }

    Host host() {
        return host;
    }

    GlobalOptions options() {
        return options;
    }

    Path configPath() {
        return host.workingDir().resolve(new Precedence(host.env()).configFile(options.config()));
    }

    /**
     * hailctl.yaml, validated, with region and profile already layered (flag &gt; environment &gt; file).
     * Under --local the emulator's region wins: moto's default VPC lives in us-east-1.
     */
    HailctlConfig config() {
        if (config == null) {
            HailctlConfig loaded = new ConfigLoader(new Precedence(host.env()))
                    .load(configPath(), new Overrides(options.region(), options.profile()));
            config = options.local() ? loaded.withRegion(Optional.of(AwsTarget.EMULATOR_REGION)) : loaded;
        }
        return config;
    }

    OutputFormat output() {
        return options.output()
                .or(() -> Optional.ofNullable(host.env("HAILCTL_OUTPUT")).map(v -> parseOutput(v)))
                .orElse(OutputFormat.text);
    }

    private static OutputFormat parseOutput(String v) {
        try {
            return OutputFormat.valueOf(v.toLowerCase());
        } catch (IllegalArgumentException e) {
            throw new HailctlException(ExitCode.USAGE,
                    "HAILCTL_OUTPUT = \"" + v + "\": expected text or json");
        }
    }

    boolean json() {
        return output() == OutputFormat.json;
    }

    boolean color() {
        return !options.noColor() && host.env("NO_COLOR") == null && host.interactive() && !json();
    }

    LocalEmulator emulator() {
        return LocalEmulator.forUser(host.env(), host.home(), line -> {
            if (!options.quiet()) {
                host.err().println(line);
                host.err().flush();
            }
        });
    }

    /**
     * AWS clients for the environment in hailctl.yaml. Its region and profile already carry the
     * winner of flag &gt; environment variable &gt; file ({@link Precedence}, the one place that decides).
     */
    AwsClients aws() {
        if (aws != null) {
            return aws;
        }
        AwsTarget target;
        if (options.local()) {
            if (options.endpointUrl().isPresent()) {
                throw new HailctlException(ExitCode.USAGE, "--local and --endpoint-url cannot be used together");
            }
            target = AwsTarget.emulator(emulator().up().endpoint());
        } else {
            HailctlConfig c = config();
            Optional<URI> endpoint = options.endpointUrl()
                    .or(() -> Optional.ofNullable(host.env("AWS_ENDPOINT_URL")))
                    .map(Invocation::endpoint);
            target = new AwsTarget(c.region(), c.profile(), endpoint, false);
        }
        CallObserver observer = host.awsCalls();
        if (options.verbose()) {
            observer = observer.and(new VerboseCalls(host.err()));
        }
        aws = AwsClients.open(target, host.env(), observer);
        lockingWrites(aws);
        pacingReads(aws);
        return aws;
    }

    /**
     * Every write call of this run first takes the environment lock (once): lazily, so a run that
     * writes nothing (a second deploy, plan, status, bad input) never touches it.
     */
    private void lockingWrites(AwsClients clients) {
        clients.gateWrites((service, operation) -> lock().beforeWrite());
    }

    /**
     * At most 4 control-plane reads start in any second, whatever the command and however many steps read
     * at once (BENCHMARKS.md, "Time-true emulator"): one pace for every client of this run.
     */
    private void pacingReads(AwsClients clients) {
        clients.paceReads(ReadPace.standard(Clock.systemUTC(), Sleeper.REAL));
    }

    private synchronized EnvironmentLock lock() {
        if (lock == null) {
            lock = new EnvironmentLock(config().environment(), new SsmLockStore(aws.ssm()),
                    new EnvironmentLock.Holder(owner(), ProcessHandle.current().pid(), command, Clock.systemUTC().instant()),
                    Clock.systemUTC(), EnvironmentLock.LEASE, line -> {
                        synchronized (host.err()) {
                            host.err().println(line);
                            host.err().flush();
                        }
                    });
            // Ctrl-C: the process's hook gives the lock back once the run has stopped (no-op in-process).
            host.interrupts().atExit(lock::release);
        }
        return lock;
    }

    private String owner() {
        String user = host.env("USER") != null ? host.env("USER")
                : host.env("USERNAME") != null ? host.env("USERNAME") : System.getProperty("user.name", "someone");
        String machine = host.env("HOSTNAME");
        if (machine == null) {
            try {
                machine = InetAddress.getLocalHost().getHostName();
            } catch (java.io.IOException | RuntimeException e) {
                machine = "unknown-host";
            }
        }
        return user + "@" + machine;
    }

    /** Another run held the environment and this one was refused at its first write. */
    synchronized Optional<EnvironmentLock.Busy> lockRefusal() {
        return lock == null ? Optional.empty() : lock.refusal();
    }

    /** The run is over (whatever its outcome): gives the environment lock back if this run took it. */
    void finish() {
        EnvironmentLock taken;
        synchronized (this) {
            taken = lock;
        }
        if (taken != null) {
            taken.release();
        }
    }

    private static URI endpoint(String url) {
        try {
            URI uri = new URI(url);
            if (uri.getScheme() == null || uri.getHost() == null
                    || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
                throw new URISyntaxException(url, "expected http(s)://host[:port]");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new HailctlException(ExitCode.USAGE,
                    "--endpoint-url = \"" + url + "\": not a valid endpoint (expected http(s)://host[:port])");
        }
    }

    void close() {
        if (aws != null) {
            aws.close();
        }
    }
}
