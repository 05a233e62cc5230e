package io.hailctl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A small HTTP proxy on loopback between the SDK and moto, which moto cannot do itself: it answers
 * chosen requests with throttling errors or 5xx before passing the rest through, so retry and
 * failure paths run over the real wire protocol. Bounded: it only injects as many faults as told.
 */
public final class FaultProxy implements AutoCloseable {
    /** One injected fault: for requests matching {@code when}, answer {@code times} times with this response. */
    public record Fault(Predicate<String> when, int times, int status, String contentType, String body) {
    }

    private final HttpServer server;
    private final URI upstream;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicInteger> used = new java.util.concurrent.ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();

    public FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** CloudFormation's throttling answer (query protocol), for requests whose form body has {@code Action=action}. */
    public FaultProxy throttle(String action, int times) {
        return add(new Fault(body -> body.contains("Action=" + action + "&") || body.endsWith("Action=" + action), times, 400,
                "text/xml", "<ErrorResponse xmlns=\"http://cloudformation.amazonaws.com/doc/2010-05-15/\"><Error>"
                + "<Type>Sender</Type><Code>Throttling</Code><Message>Rate exceeded</Message></Error>"
                + "<RequestId>proxy</RequestId></ErrorResponse>"));
    }

    /** A 503 Service Unavailable for requests with {@code Action=action}. */
    public FaultProxy unavailable(String action, int times) {
        return add(new Fault(body -> body.contains("Action=" + action), times, 503, "text/xml",
                "<ErrorResponse><Error><Type>Receiver</Type><Code>ServiceUnavailable</Code>"
                        + "<Message>Service is unavailable</Message></Error></ErrorResponse>"));
    }

    public FaultProxy add(Fault fault) {
        faults.add(fault);
        used.put(fault, new AtomicInteger());
        return this;
    }

    public int injected() {
        return injected.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        for (Fault f : faults) {
            if (f.when().test(text) && used.get(f).getAndIncrement() < f.times()) {
                injected.incrementAndGet();
                byte[] answer = f.body().getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", f.contentType());
                ex.sendResponseHeaders(f.status(), answer.length);
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(answer);
                }
                return;
            }
        }
        forward(ex, body);
    }

    private void forward(HttpExchange ex, byte[] body) throws IOException {
        URI target = upstream.resolve(ex.getRequestURI().toString());
        HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
        c.setRequestMethod(ex.getRequestMethod());
        c.setInstanceFollowRedirects(false);
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection") && !k.equalsIgnoreCase("Host")) {
                vs.forEach(v -> c.addRequestProperty(k, v));
            }
        });
        if (body.length > 0) {
            c.setDoOutput(true);
            c.setFixedLengthStreamingMode(body.length);
            try (OutputStream os = c.getOutputStream()) {
                os.write(body);
            }
        }
        int status = c.getResponseCode();
        InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
        byte[] answer = in == null ? new byte[0] : in.readAllBytes();
        c.getHeaderFields().forEach((k, vs) -> {
            if (k != null && !k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection")) {
                vs.forEach(v -> ex.getResponseHeaders().add(k, v));
            }
        });
        boolean noBody = ex.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        ex.sendResponseHeaders(status, noBody ? -1 : (answer.length == 0 ? -1 : answer.length));
        if (!noBody && answer.length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(answer);
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
