package io.hailctl.local.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The emulator's stand-in as a server: listens on 127.0.0.1 only, runs every request through the
 * gaps in order, then forwards it to moto. It also answers {@code GET /__stand-in/} (a readiness and
 * status page listing the gaps) and, after moto's {@code /moto-api/reset}, resets every gap.
 */
public final class StandIn implements AutoCloseable {
    /** The stand-in's own status page: how launchers and tests know it answers. */
    public static final String STATUS_PATH = "/__stand-in/";

    private final HttpServer server;
    private final ExecutorService pool;
    private final MotoForwarder moto;
    private final List<Gap> gaps;
    private final Upstream chain;
    private final Consumer<String> log;

    private StandIn(HttpServer server, ExecutorService pool, MotoForwarder moto, List<Gap> gaps, Consumer<String> log) {
        this.server = server;
        this.pool = pool;
        this.moto = moto;
        this.gaps = List.copyOf(gaps);
        this.log = log;
        Upstream next = moto;
        for (int i = gaps.size() - 1; i >= 0; i--) {
            Gap gap = gaps.get(i);
            Upstream after = next;
            next = request -> gap.handle(request, after);
        }
        this.chain = next;
    }

    /**
     * Starts a stand-in in front of {@code moto} on 127.0.0.1:{@code port} (0: any free port).
     *
     * @param gaps the gaps, outermost first: the first sees a request first and moto's answer last
     * @param log  one line per problem (a gap that failed, a request moto did not answer)
     */
    public static StandIn start(URI moto, List<Gap> gaps, int port, Consumer<String> log) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 64);
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stand-in-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        StandIn standIn = new StandIn(server, pool, new MotoForwarder(moto), gaps, log);
        server.createContext("/", standIn::exchange);
        server.setExecutor(pool);
        server.start();
        return standIn;
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public URI moto() {
        return moto.endpoint();
    }

    public List<Gap> gaps() {
        return gaps;
    }

    private void exchange(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            byte[] body = ex.getRequestBody().readAllBytes();
            if (path.equals(STATUS_PATH) || path.equals(STATUS_PATH.substring(0, STATUS_PATH.length() - 1))) {
                respond(ex, AwsResponse.json(200, statusPage()));
                return;
            }
            AwsRequest request = AwsRequest.of(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                    ex.getRequestHeaders(), body);
            AwsResponse response;
            if (path.startsWith("/moto-api/")) {
                response = moto.send(request);
                if (path.startsWith("/moto-api/reset") && response.ok()) {
                    gaps.forEach(Gap::reset);
                }
            } else {
                try {
                    response = chain.send(request);
                } catch (RuntimeException e) {
                    StackTraceElement at = java.util.Arrays.stream(e.getStackTrace())
                            .filter(f -> f.getClassName().startsWith("io.hailctl.")).findFirst().orElse(null);
                    log.accept("stand-in: " + request.service() + "." + request.operation() + " " + path + " failed: " + e
                            + (at == null ? "" : " at " + at));
                    response = internalError(request, e);
                }
            }
            respond(ex, response);
        }
    }

    private String statusPage() {
        StringBuilder b = new StringBuilder("{\"standIn\":true,\"moto\":\"").append(moto.endpoint()).append("\",\"gaps\":[");
        for (int i = 0; i < gaps.size(); i++) {
            b.append(i == 0 ? "" : ",").append('"').append(gaps.get(i).name()).append('"');
        }
        return b.append("]}").toString();
    }

    /** A 500 in the request's protocol, so the SDK reports it (and retries it) like any server error. */
    private static AwsResponse internalError(AwsRequest request, RuntimeException e) {
        String message = String.valueOf(e.getMessage()).replace("&", "&amp;").replace("<", "&lt;").replace("\"", "'");
        if (request.header("x-amz-target").isPresent()) {
            return AwsResponse.json(500, "{\"__type\":\"InternalFailure\",\"message\":\"stand-in: " + message + "\"}");
        }
        return AwsResponse.xml(500, "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>stand-in: "
                + message + "</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>");
    }

    private static void respond(HttpExchange ex, AwsResponse response) throws IOException {
        boolean head = ex.getRequestMethod().equals("HEAD");
        int status = response.status();
        response.headers().forEach((k, vs) -> {
            // HEAD answers keep moto's Content-Length: the SDK reads an object's size from it.
            if (!k.equals("content-length") || head) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
            }
        });
        byte[] body = response.body();
        boolean noBody = head || status == 204 || status == 304 || (status >= 100 && status < 200);
        ex.sendResponseHeaders(status, noBody ? -1 : (body.length == 0 ? -1 : body.length));
        if (!noBody && body.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }
}
