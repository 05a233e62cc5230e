package io.hailctl.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback HTTP proxy between hailctl and the emulator that records every AWS call it forwards
 * (service and operation), so a test can say "this run made no write call at all" — something the
 * emulator's state alone cannot show. Point hailctl at {@link #endpoint()} instead of the emulator.
 *
 * <p>Operations are read from the request as the SDK sends them: the {@code X-Amz-Target} header
 * (JSON services such as SageMaker), the {@code Action} form field (query services such as
 * CloudFormation and EC2), or, for REST services (S3, EFS), the HTTP method alone.
 */
public final class RecordingProxy implements AutoCloseable {
    /** Request headers java.net.http sets itself and refuses to be given. */
    private static final Set<String> RESTRICTED = Set.of("connection", "content-length", "expect", "host", "upgrade",
            "transfer-encoding", "keep-alive");
    private static final Pattern SERVICE = Pattern.compile("Credential=[^/]+/[^/]+/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([^&]+)");

    private final URI target;
    private final HttpServer server;
    private final ExecutorService threads;
    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Call> calls = new ArrayList<>();

    /** One forwarded call. {@code operation} is empty for REST calls (S3, EFS). */
    public record Call(String service, String operation, String method, String path) {

        /**
         * Whether the call changes anything. Describe/List/Get/Head are reads; so is
         * CreatePresignedNotebookInstanceUrl, which only hands out a sign-in link. A REST call is a
         * write unless it is a GET or HEAD.
         */
        public boolean isWrite() {
            if (!operation.isEmpty()) {
                return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                        || operation.startsWith("Head") || operation.equals("CreatePresignedNotebookInstanceUrl"));
            }
            return !(method.equals("GET") || method.equals("HEAD"));
        }

        @Override
        public String toString() {
            return service + " " + (operation.isEmpty() ? method + " " + path : operation);
        }
    }

    private RecordingProxy(URI target) throws IOException {
        this.target = target;
        this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        this.threads = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "recording-proxy");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(threads);
        server.createContext("/", this::forward);
        server.start();
    }

    public static RecordingProxy start(URI target) {
        try {
            return new RecordingProxy(target);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the recording proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public synchronized List<Call> calls() {
        return List.copyOf(calls);
    }

    public synchronized List<Call> writes() {
        return calls.stream().filter(Call::isWrite).toList();
    }

    public synchronized void clear() {
        calls.clear();
    }

    private void forward(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] body;
            try (InputStream in = ex.getRequestBody()) {
                body = in.readAllBytes();
            }
            record(ex, body);
            HttpRequest.Builder req = HttpRequest.newBuilder(target.resolve(ex.getRequestURI().getRawPath()
                            + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery())))
                    .method(ex.getRequestMethod(), body.length == 0 ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(body))
                    .timeout(Duration.ofSeconds(60));
            for (Map.Entry<String, List<String>> h : ex.getRequestHeaders().entrySet()) {
                if (!RESTRICTED.contains(h.getKey().toLowerCase(Locale.ROOT))) {
                    h.getValue().forEach(v -> req.header(h.getKey(), v));
                }
            }
            HttpResponse<byte[]> resp;
            try {
                resp = client.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ex.sendResponseHeaders(502, -1);
                return;
            }
            resp.headers().map().forEach((k, v) -> {
                if (!k.equalsIgnoreCase("content-length") && !k.equalsIgnoreCase("transfer-encoding")
                        && !k.equalsIgnoreCase("connection") && !k.startsWith(":")) {
                    ex.getResponseHeaders().put(k, v);
                }
            });
            byte[] out = resp.body();
            boolean noBody = ex.getRequestMethod().equals("HEAD") || out.length == 0;
            ex.sendResponseHeaders(resp.statusCode(), noBody ? -1 : out.length);
            if (!noBody) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(out);
                }
            }
        }
    }

    private synchronized void record(HttpExchange ex, byte[] body) {
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        Matcher service = SERVICE.matcher(auth == null ? "" : auth);
        String operation = "";
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        if (target != null) {
            operation = target.substring(target.indexOf('.') + 1);
        } else {
            String contentType = ex.getRequestHeaders().getFirst("Content-Type");
            if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
                Matcher action = ACTION.matcher(new String(body, StandardCharsets.UTF_8));
                if (action.find()) {
                    operation = URLDecoder.decode(action.group(1), StandardCharsets.UTF_8);
                }
            }
        }
        calls.add(new Call(service.find() ? service.group(1) : "?", operation, ex.getRequestMethod(),
                ex.getRequestURI().getPath()));
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
