package io.hailctl.testing;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.cli.StandInGaps;
import io.hailctl.local.MotoServer;
import io.hailctl.local.standin.StandIn;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

import java.net.URI;
import java.util.List;
import java.util.Map;

/** The moto server of this test run, as a test sees it (injected by {@link MotoExtension}). */
public final class Moto {
    public static final String ACCOUNT = "123456789012";
    public static final String REGION = AwsTarget.EMULATOR_REGION;

    private final MotoServer server;

    Moto(MotoServer server) {
        this.server = server;
    }

    public URI endpoint() {
        return server.endpoint();
    }

    /** Clients wired exactly as `hailctl --local` wires them. */
    public AwsClients clients() {
        return AwsClients.open(AwsTarget.emulator(endpoint()), Map.of());
    }

    /** As {@link #clients()}, with test-only interceptors (e.g. moto quirk fixes). */
    public AwsClients clients(List<ExecutionInterceptor> interceptors) {
        return AwsClients.open(AwsTarget.emulator(endpoint()), Map.of(), interceptors);
    }

    /**
     * hailctl's emulator stand-in in front of this moto server, in-process, with the gaps `--local`
     * has ({@link StandInGaps}); lines it logs go to {@code log}. Close it after the test.
     */
    public StandIn standIn(java.util.function.Consumer<String> log) {
        return standIn(log, Map.of());
    }

    /** As {@link #standIn(java.util.function.Consumer)}, with the stand-in's environment (e.g. HAILCTL_STANDIN_FAIL_BUILD). */
    public StandIn standIn(java.util.function.Consumer<String> log, Map<String, String> env) {
        try {
            return StandIn.start(endpoint(), new StandInGaps(clients(), log, env).all(), 0, log);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public void reset() {
        server.reset();
    }
}
