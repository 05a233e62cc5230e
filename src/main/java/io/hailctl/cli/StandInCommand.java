package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.local.standin.StandIn;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/**
 * Hidden: the emulator's stand-in process, started by `hailctl local up` / `--local` (see
 * {@link io.hailctl.local.StandInProcess}). Runs until it is stopped.
 */
@Command(name = "__stand-in", hidden = true)
final class StandInCommand extends CommandBase {
    @Option(names = "--upstream", required = true, description = "The moto server to stand in front of.")
    URI upstream;

    @Option(names = "--port", defaultValue = "0", description = "Port on 127.0.0.1 (0: any free port).")
    int port;

    StandInCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        Consumer<String> log = line -> {
            synchronized (host.err()) {
                host.err().println(java.time.Instant.now() + " " + line);
                host.err().flush();
            }
        };
        AwsClients moto = AwsClients.open(AwsTarget.emulator(upstream), Map.of());
        try (StandIn standIn = StandIn.start(upstream, new StandInGaps(moto, log, host.env()).all(), port, log)) {
            log.accept("stand-in listening on " + standIn.endpoint() + " in front of " + upstream
                    + " (gaps: " + String.join(", ", standIn.gaps().stream().map(g -> g.name()).toList()) + ")");
            new CountDownLatch(1).await();
        }
        return 0;
    }
}
