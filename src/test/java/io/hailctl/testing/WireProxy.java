package io.hailctl.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hailctl.aws.CallObserver;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A loopback proxy in front of moto that sees what goes over the wire, for tests of the real hailctl
 * process (which no SDK interceptor of the test can reach): it records every request as
 * {@code service.Operation} (read from the SigV4 credential scope and the request's protocol: query
 * {@code Action}, JSON {@code X-Amz-Target}, or the REST method and path), so "no write call" holds for
 * whatever client made it; and it can hold chosen answers, telling the test the process got there.
 * A held request has already reached moto (the operation happened; the caller has not heard), which
 * is the hardest moment to be interrupted at.
 */
public final class WireProxy implements AutoCloseable {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]*/[^/]*/[^/]*/([^/]+)/aws4_request");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");

    /** One request as seen on the wire. */
    public record Call(String service, String operation, String method, String path, String body) {
        public String name() {
            return service + "." + operation;
        }

        public boolean isWrite() {
            if (service.equals("s3") || service.equals("elasticfilesystem")) {
                return !(method.equals("GET") || method.equals("HEAD"));
            }
            return CallObserver.isWrite(operation);
        }

        @Override
        public String toString() {
            return name() + " " + method + " " + path;
        }
    }

    /** An answer held back: {@link #reached} once a matching request got its answer from moto. */
    public static final class Hold {
        private final Predicate<Call> when;
        private final int skip;
        private int seen;
        private final CountDownLatch reached = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final AtomicBoolean taken = new AtomicBoolean();
        private volatile Call call;
        private final boolean beforeMoto;

        private Hold(Predicate<Call> when, int skip, boolean beforeMoto) {
            this.when = when;
            this.skip = skip;
            this.beforeMoto = beforeMoto;
        }

        private void await() {
            reached.countDown();
            try {
                released.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits until a request matched; false when none did in time. */
        public boolean reached(Duration within) throws InterruptedException {
            return reached.await(within.toMillis(), TimeUnit.MILLISECONDS);
        }

        public Call call() {
            return call;
        }

        public void release() {
            released.countDown();
        }

        private synchronized boolean claims(Call c) {
            if (taken.get() || !when.test(c)) {
                return false;
            }
            if (seen++ < skip) {
                return false;
            }
            taken.set(true);
            call = c;
            return true;
        }
    }

    private final HttpServer server;
    private final URI upstream;
    private final List<Call> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<Hold> holds = new CopyOnWriteArrayList<>();
    private final List<Canned> answers = new CopyOnWriteArrayList<>();

    public WireProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "wire-proxy");
            t.setDaemon(true);
            return t;
        }));
        server.start();
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** Holds the answer to the first request matching {@code when}. */
    public Hold hold(Predicate<Call> when) {
        return hold(when, 0);
    }

    /** Holds the answer to the ({@code skip}+1)th request matching {@code when}. */
    public Hold hold(Predicate<Call> when, int skip) {
        Hold h = new Hold(when, skip, false);
        holds.add(h);
        return h;
    }

    /** Holds the first request matching {@code when} before it reaches moto: the operation has not happened yet. */
    public Hold holdBeforeMoto(Predicate<Call> when) {
        Hold h = new Hold(when, 0, true);
        holds.add(h);
        return h;
    }

    /** A matcher for {@code service.Operation} whose request mentions {@code text} (path or body); "" for any. */
    public static Predicate<Call> op(String name, String text) {
        return c -> c.name().equals(name) && (text.isEmpty() || c.path().contains(text) || c.body().contains(text));
    }

    /** Answers requests matching {@code when} with this status and body instead of moto (e.g. AWS's 403 for a bucket of another account). */
    public void answer(Predicate<Call> when, int status, String body) {
        answers.add(new Canned(when, new Answer(status, new Headers(), body.getBytes(StandardCharsets.UTF_8), false)));
    }

    private record Canned(Predicate<Call> when, Answer answer) {
    }

    public List<Call> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<Call> writes() {
        return calls().stream().filter(Call::isWrite).toList();
    }

    public void clear() {
        calls.clear();
        holds.forEach(Hold::release);
        holds.clear();
        answers.clear();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body = ex.getRequestBody().readAllBytes();
        Call call = classify(ex.getRequestMethod(), ex.getRequestURI().getRawPath(),
                ex.getRequestURI().getRawQuery(), ex.getRequestHeaders(), body);
        calls.add(call);
        Hold hold = holds.stream().filter(h -> h.claims(call)).findFirst().orElse(null);
        if (hold != null && hold.beforeMoto) {
            hold.await();
        }
        Answer answer = answers.stream().filter(a -> a.when().test(call)).map(Canned::answer).findFirst()
                .orElse(null);
        if (answer == null) {
            answer = forward(ex, body);
        }
        if (hold != null && !hold.beforeMoto) {
            hold.await();
        }
        try {
            answer.send(ex);
        } catch (IOException gone) {
            // The caller was interrupted while the answer was held: nobody to tell.
        } finally {
            ex.close();
        }
    }

    static Call classify(String method, String path, String query, Headers headers, byte[] body) {
        String auth = headers.getFirst("Authorization");
        Matcher scope = auth == null ? null : SCOPE.matcher(auth);
        String service = scope != null && scope.find() ? scope.group(1) : "unsigned";
        String text = body.length > 64 * 1024 ? "" : new String(body, StandardCharsets.UTF_8);
        String target = headers.getFirst("X-Amz-Target");
        String operation;
        if (target != null) {
            operation = target.substring(target.lastIndexOf('.') + 1);
        } else if (ACTION.matcher(text).find()) {
            Matcher m = ACTION.matcher(text);
            m.find();
            operation = m.group(1);
        } else if (query != null && ACTION.matcher(query).find()) {
            Matcher m = ACTION.matcher(query);
            m.find();
            operation = m.group(1);
        } else if (service.equals("s3")) {
            operation = s3(method, path, query == null ? "" : query, headers);
        } else {
            operation = method + " " + path;
        }
        return new Call(service, operation, method, path + (query == null ? "" : "?" + query), text);
    }

    private static String s3(String method, String path, String query, Headers headers) {
        String[] parts = path.replaceFirst("^/", "").split("/", 2);
        boolean object = parts.length == 2 && !parts[1].isEmpty();
        String sub = query.isEmpty() ? "" : query.split("[=&]")[0];
        return switch (method) {
            case "PUT" -> object ? (headers.containsKey("X-amz-copy-source") ? "CopyObject" : "PutObject")
                    : sub.isEmpty() ? "CreateBucket" : "PutBucket" + capitalised(sub);
            case "DELETE" -> object ? "DeleteObject" : sub.isEmpty() ? "DeleteBucket" : "DeleteBucket" + capitalised(sub);
            case "POST" -> sub.equals("delete") ? "DeleteObjects" : "Post" + capitalised(sub);
            case "HEAD" -> object ? "HeadObject" : "HeadBucket";
            default -> object ? "GetObject" : path.equals("/") ? "ListBuckets"
                    : sub.isEmpty() || sub.equals("list-type") || sub.equals("prefix") ? "ListObjects"
                    : "GetBucket" + capitalised(sub);
        };
    }

    private static String capitalised(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }

    private record Answer(int status, Headers headers, byte[] body, boolean noBody) {
        void send(HttpExchange ex) throws IOException {
            ex.getResponseHeaders().putAll(headers);
            ex.sendResponseHeaders(status, noBody || body.length == 0 ? -1 : body.length);
            if (!noBody && body.length > 0) {
                try (OutputStream os = ex.getResponseBody()) {
                    os.write(body);
                }
            }
        }
    }

    private Answer forward(HttpExchange ex, byte[] body) throws IOException {
        URI target = upstream.resolve(ex.getRequestURI().toString());
        HttpURLConnection c = (HttpURLConnection) target.toURL().openConnection();
        c.setRequestMethod(ex.getRequestMethod());
        c.setInstanceFollowRedirects(false);
        ex.getRequestHeaders().forEach((k, vs) -> {
            if (!k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection") && !k.equalsIgnoreCase("Host")
                    && !k.equalsIgnoreCase("Expect")) {
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
        Headers headers = new Headers();
        c.getHeaderFields().forEach((k, vs) -> {
            if (k != null && !k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection")) {
                headers.put(k, new ArrayList<>(vs));
            }
        });
        boolean noBody = ex.getRequestMethod().equals("HEAD") || status == 204 || status == 304;
        return new Answer(status, headers, answer, noBody);
    }

    @Override
    public void close() {
        holds.forEach(Hold::release);
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
