package io.hailctl.testing;

import io.hailctl.local.MotoServer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * One real moto server per test run (started on first use, on a free loopback port, stopped by
 * its PID when the run ends), wiped before every test. Tests take a {@link Moto} parameter.
 */
public final class MotoExtension implements BeforeEachCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NS = ExtensionContext.Namespace.create(MotoExtension.class);

    @Override
    public void beforeEach(ExtensionContext context) {
        server(context).reset();
    }

    @Override
    public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
        return p.getParameter().getType() == Moto.class;
    }

    @Override
    public Object resolveParameter(ParameterContext p, ExtensionContext c) {
        return server(c);
    }

    private static Moto server(ExtensionContext context) {
        return context.getRoot().getStore(NS)
                .getOrComputeIfAbsent(RunningMoto.class, k -> RunningMoto.start(), RunningMoto.class).moto;
    }

    /** Closed by JUnit when the root store closes, i.e. at the end of the run. */
    private static final class RunningMoto implements AutoCloseable {
        private final MotoServer server;
        private final Moto moto;

        private RunningMoto(MotoServer server) {
            this.server = server;
            this.moto = new Moto(server);
        }

        static RunningMoto start() {
            Path motoServer = TestTools.venvBin("moto_server");
            try {
                Path log = Files.createTempFile("hailctl-moto", ".log");
                return new RunningMoto(MotoServer.start(motoServer, log, Map.of(), Duration.ofSeconds(60)));
            } catch (java.io.IOException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            server.stop();
        }
    }
}
