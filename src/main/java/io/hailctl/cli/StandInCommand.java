package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.standin.timing.TimeTrue;
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

    @Option(names = "--timings", description = "Time-true mode: 'aws' makes stack operations take AWS's typical "
            + "durations (default: the environment's HAILCTL_STANDIN_TIMINGS, else none: instant).")
    String timings;

    @Option(names = "--time-scale", description = "Multiplies every duration of --timings (e.g. 0.05: twenty times faster; "
            + "default: HAILCTL_STANDIN_TIME_SCALE, else 1).")
    String timeScale;

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
        Map<String, String> env = withTimings(host.env(), timings, timeScale);
        AwsClients moto = AwsClients.open(AwsTarget.emulator(upstream), Map.of());
        try (StandIn standIn = StandIn.start(upstream, new StandInGaps(moto, log, env).all(), port, log)) {
            log.accept("stand-in listening on " + standIn.endpoint() + " in front of " + upstream
                    + " (gaps: " + String.join(", ", standIn.gaps().stream().map(g -> g.name()).toList()) + ")");
            // Stopping is how it ends (`hailctl local down` sends SIGTERM): its log says so, not the resume line a
            // user's interrupted command gets.
            host.interrupts().resumeHintGiven();
            host.interrupts().atExit(() -> log.accept("stand-in stopped"));
            new CountDownLatch(1).await();
        }
        return 0;
    }

    /** The environment with the options' timings (they win over the variables), checked: a bad value is a usage error. */
    static Map<String, String> withTimings(Map<String, String> env, String timings, String timeScale) {
        Map<String, String> out = new java.util.HashMap<>(env);
        if (timings != null) {
            out.put(TimeTrue.TIMINGS_ENV, timings);
        }
        if (timeScale != null) {
            out.put(TimeTrue.SCALE_ENV, timeScale);
        }
        try {
            TimeTrue.fromEnv(out);
        } catch (IllegalArgumentException e) {
            throw new HailctlException(ExitCode.USAGE, "stand-in: " + e.getMessage());
        }
        return out;
    }
}
