package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.status.EnvironmentStatus;
import io.hailctl.deploy.status.StatusReader;
import io.hailctl.progress.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintWriter;
import java.time.Duration;

@Command(name = "status", description = {
    "One screen: stacks (status, last change, drift from the local templates and hailctl.yaml),",
    "notebooks, clusters, the last AMI build, the AMI in use, seeded content. Writes nothing.",
    "With --output json: the document described in docs/status-json.md."})
final class StatusCommand extends CommandBase {
    @Option(names = "--watch", arity = "0..1", paramLabel = "SECONDS", fallbackValue = "5",
            description = "Refresh every SECONDS (default 5) until Ctrl-C (JSON: one document per line and refresh).")
    Integer watch;

    @Option(names = "--count", paramLabel = "N", description = "With --watch: stop after N refreshes.")
    Integer count;

    private final Sleeper sleeper;

    StatusCommand(Host host) {
        this(host, Sleeper.REAL);
    }

    StatusCommand(Host host, Sleeper sleeper) {
        super(host);
        this.sleeper = sleeper;
    }

    @Override
    public Integer call() throws InterruptedException {
        if (watch != null && watch < 1) {
            throw new HailctlException(ExitCode.USAGE, "--watch " + watch + ": the interval must be at least 1 second");
        }
        if (count != null && count < 1) {
            throw new HailctlException(ExitCode.USAGE, "--count " + count + ": must be at least 1");
        }
        Invocation inv = invocation();
        HailctlConfig config = inv.config();
        inv.aws();
        Wiring wiring = new Wiring(inv);
        StatusReader reader = wiring.statusReader();
        PrintWriter out = host.out();
        int refreshes = 0;
        while (true) {
            EnvironmentStatus status = reader.read(config, inv.aws().region(), () -> wiring.preflight().network(config));
            if (inv.json()) {
                out.println(Json.write(StatusJson.document(status)));
            } else {
                if (watch != null && host.interactive()) {
                    out.print("\033[H\033[2J");
                } else if (refreshes > 0) {
                    out.println();
                }
                StatusText.render(status, out);
            }
            out.flush();
            refreshes++;
            if (watch == null || (count != null && refreshes >= count)) {
                return ExitCode.OK.code();
            }
            sleeper.sleep(Duration.ofSeconds(watch));
        }
    }
}
