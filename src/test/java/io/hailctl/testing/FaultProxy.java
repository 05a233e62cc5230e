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
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP proxy on loopback between the SDK and moto, which moto cannot do itself: it answers
 * requests with the faults AWS produces (throttling, 503, 500, answers slower than the client's
 * read timeout, connections reset mid-response) so retry and failure paths run over the real wire
 * protocol. Two ways to use it:
 * <ul>
 *   <li>{@link #add}, {@link #throttle}, {@link #unavailable}: chosen requests fail a bounded number of times;</li>
 *   <li>{@link #chaos}: every request may fail, at a rate, decided by a seeded generator, with
 *   each error answer in the protocol of the service asked (query/XML, EC2's XML, JSON, REST-JSON,
 *   S3's XML).</li>
 * </ul>
 * Throttling, 503 and 500 answers are given instead of forwarding (AWS refused the request); a
 * delay or a reset happens after moto has executed the request (the answer is lost), so retried
 * writes reach moto twice: exactly what idempotency has to survive.
 */
public final class FaultProxy implements AutoCloseable {
    /** One scripted fault: for requests matching {@code when}, answer {@code times} times with this response. */
    public record Fault(Predicate<String> when, int times, int status, String contentType, String body) {
    }

    /** The kinds of fault {@link #chaos} injects. */
    public enum Kind {
        /** The service's throttling error (400 query/JSON, EC2's 503 RequestLimitExceeded, EFS's 429, S3's 503 SlowDown). */
        THROTTLING,
        /** 503 (S3: SlowDown; others: ServiceUnavailable). */
        UNAVAILABLE,
        /** 500 InternalError / InternalFailure. */
        INTERNAL_ERROR,
        /** The request is executed, the answer comes later than the client's read timeout. */
        DELAY,
        /** The request is executed, the connection drops half-way through the answer (before it, when it has no body). */
        RESET
    }

    /** Seeded random faults: {@code rate} of requests, the kinds equally likely. */
    public record Chaos(long seed, double rate, Duration readTimeout) {
    }

    private static final Pattern SCOPE = Pattern.compile("Credential=[^/]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern ATTEMPT = Pattern.compile("attempt=(\\d+);\\s*max=(\\d+)");
    private static final Pattern ACTION = Pattern.compile("(?:^|&)Action=([A-Za-z0-9]+)");
    private static final Pattern CLIENT_TOKEN = Pattern.compile("\"ClientToken\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpServer server;
    private final URI upstream;
    private final List<Fault> faults = new CopyOnWriteArrayList<>();
    private final Map<Fault, AtomicInteger> used = new ConcurrentHashMap<>();
    private final AtomicInteger injected = new AtomicInteger();
    private final Map<Kind, AtomicInteger> byKind = new EnumMap<>(Kind.class);
    private final Map<String, AtomicInteger> occurrences = new ConcurrentHashMap<>();
    private final Map<String, Answer> firstAnswerByToken = new ConcurrentHashMap<>();
    private final Map<String, Object> tokenLocks = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> faultedAttempts = ConcurrentHashMap.newKeySet();
    private final AtomicInteger resent = new AtomicInteger();
    private final AtomicInteger upstreamTrouble = new AtomicInteger();
    /** Faulted attempts not yet followed by anything (invocation#attempt -> what was injected). */
    private final Map<String, String> unanswered = new ConcurrentHashMap<>();
    /** Attempts moto answered itself, not faulted (invocation#attempt -> status): if the SDK retries one, moto failed it. */
    private final Map<String, String> forwarded = new ConcurrentHashMap<>();
    private final java.util.Set<String> attemptsSeen = ConcurrentHashMap.newKeySet();
    private final AtomicInteger sdkRetries = new AtomicInteger();
    private final AtomicInteger faultsRetried = new AtomicInteger();
    private volatile Chaos chaos;

    public FaultProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        for (Kind k : Kind.values()) {
            byKind.put(k, new AtomicInteger());
        }
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(16));
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

    /**
     * From now on, faults {@code rate} of all requests. A request's fate is drawn from a generator
     * seeded with the seed, the call (service and operation) and how many times that call was made
     * before, so a seed replays the same faults (up to the order of identical calls made in parallel).
     * The last attempt the SDK will make (its {@code amz-sdk-request: attempt=N; max=N} header) is
     * never faulted: these runs measure recovery from faults, not exhaustion of the retry budget
     * (which ResilienceIT shows on its own: one clear failure line).
     */
    public FaultProxy chaos(Chaos chaos) {
        this.chaos = chaos;
        return this;
    }

    /** Turns chaos off (e.g. to read back state through the proxy without faults). */
    public FaultProxy calm() {
        this.chaos = null;
        return this;
    }

    public int injected() {
        return injected.get();
    }

    /** Faults injected so far, by kind. */
    public Map<Kind, Integer> injectedByKind() {
        Map<Kind, Integer> out = new EnumMap<>(Kind.class);
        byKind.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /**
     * Faulted requests that the HTTP client itself sent again (same SDK attempt): those faults never
     * reach the SDK, so they are not among its retries.
     */
    public int resent() {
        return resent.get();
    }

    /**
     * Answers moto gave itself (not injected) that the SDK then retried: moto failed them (5xx) or
     * was slower than the read timeout (a loaded machine). Read from the wire: the next attempt of
     * the same SDK invocation came, not guessed from the answer's status or time.
     */
    public int upstreamTrouble() {
        return upstreamTrouble.get();
    }

    /** SDK retries seen on the wire: requests of an invocation with an attempt number above 1 (each attempt once). */
    public int sdkRetries() {
        return sdkRetries.get();
    }

    /** Injected faults that the SDK answered with its next attempt. */
    public int faultsRetried() {
        return faultsRetried.get();
    }

    /**
     * Injected faults the client did not show it saw, and forgets them: neither its SDK's next
     * attempt nor its HTTP client's re-send came. Read once the command is over (every fault of a
     * command it waited for is answered by then).
     */
    public List<String> drainUnseen() {
        List<String> out = new java.util.ArrayList<>();
        for (String key : List.copyOf(unanswered.keySet())) {
            String what = unanswered.remove(key);
            if (what != null) {
                out.add(what);
            }
        }
        forwarded.clear();
        return out;
    }

    /** Every fault injected by {@link #chaos} so far: kind, service, operation, attempt. */
    public List<String> log() {
        return List.copyOf(log);
    }

    /** Requests that reached the proxy (faulted or not). */
    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        requests.incrementAndGet();
        byte[] body = ex.getRequestBody().readAllBytes();
        String text = new String(body, StandardCharsets.UTF_8);
        // Scripted faults match "METHOD /path [X-Amz-Target]" + newline + body (query actions are in the body).
        String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
        String described = ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath()
                + (target == null ? "" : " " + target) + "\n" + text;
        for (Fault f : faults) {
            if (f.when().test(described) && used.get(f).getAndIncrement() < f.times()) {
                injected.incrementAndGet();
                answer(ex, new Answer(f.status(), f.contentType(), f.body().getBytes(StandardCharsets.UTF_8)));
                return;
            }
        }
        Chaos c = chaos;
        Request request = Request.of(ex, text);
        String attemptKey = ex.getRequestHeaders().getFirst("amz-sdk-invocation-id") + "#" + request.attempt();
        String invocation = ex.getRequestHeaders().getFirst("amz-sdk-invocation-id");
        if (faultedAttempts.contains(attemptKey)) {
            // The same SDK attempt again: the JDK's HTTP client re-sent an idempotent request (GET,
            // HEAD) on a fresh connection after the first one broke, without telling the SDK.
            resent.incrementAndGet();
            unanswered.remove(attemptKey);
            log.add("RESENT by the HTTP client: " + request.service() + " " + request.operation());
        }
        if (invocation != null && request.attempt() > 1 && attemptsSeen.add(attemptKey)) {
            // The SDK's next attempt: whatever answered the previous one was a failure it saw.
            sdkRetries.incrementAndGet();
            String previous = invocation + "#" + (request.attempt() - 1);
            if (unanswered.remove(previous) != null) {
                faultsRetried.incrementAndGet();
            } else {
                String status = forwarded.remove(previous);
                if (status != null) {
                    upstreamTrouble.incrementAndGet();
                    log.add("UPSTREAM " + status + ": " + request.service() + " " + request.operation());
                }
            }
        }
        if (c != null && !request.lastAttempt()) {
            String call = request.service() + " " + request.operation();
            int n = occurrences.computeIfAbsent(call + " " + request.attempt(), k -> new AtomicInteger()).getAndIncrement();
            SplittableRandom random = new SplittableRandom(c.seed() * 1_000_003L + (call + "#" + request.attempt() + "#" + n).hashCode());
            if (random.nextDouble() < c.rate()) {
                Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
                injected.incrementAndGet();
                byKind.get(kind).incrementAndGet();
                String what = kind + " " + call + " attempt " + request.attempt();
                log.add(what);
                faultedAttempts.add(attemptKey);
                unanswered.put(attemptKey, what);
                switch (kind) {
                    case THROTTLING, UNAVAILABLE, INTERNAL_ERROR -> answer(ex, ErrorAnswers.of(kind, request));
                    case DELAY -> delayed(ex, body, request, c.readTimeout().plusMillis(300));
                    case RESET -> reset(ex, body, request, attemptKey);
                }
                return;
            }
        }
        long started = System.nanoTime();
        Answer a = forward(ex, body, request);
        long millis = (System.nanoTime() - started) / 1_000_000;
        if (c != null && invocation != null && !request.lastAttempt()) {
            // If the SDK retries this answer, the emulator itself failed it or was slower than the
            // read timeout (a loaded machine): counted when the next attempt comes.
            forwarded.put(attemptKey, "HTTP " + a.status() + " in " + millis + " ms");
        }
        answer(ex, a);
    }

    /** The request as the proxy classifies it: service (from the signature's scope), operation, SDK attempt. */
    record Request(String method, String path, String service, String operation, int attempt, int maxAttempts,
                   String body) {
        static Request of(HttpExchange ex, String body) {
            String auth = String.valueOf(ex.getRequestHeaders().getFirst("Authorization"));
            Matcher scope = SCOPE.matcher(auth);
            String service = scope.find() ? scope.group(1) : "unknown";
            String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
            Matcher action = ACTION.matcher(body);
            String path = ex.getRequestURI().getRawPath();
            String operation = target != null ? target.substring(target.indexOf('.') + 1)
                    : action.find() ? action.group(1)
                    : ex.getRequestMethod() + " " + path.replaceAll("/(fs|fsap)-[0-9a-f]+", "/$1-*");
            Matcher attempt = ATTEMPT.matcher(String.valueOf(ex.getRequestHeaders().getFirst("amz-sdk-request")));
            int n = 1;
            int max = 1;
            if (attempt.find()) {
                n = Integer.parseInt(attempt.group(1));
                max = Integer.parseInt(attempt.group(2));
            }
            return new Request(ex.getRequestMethod(), path, service, operation, n, max, body);
        }

        boolean lastAttempt() {
            return attempt >= maxAttempts;
        }

        boolean json() {
            return operation.indexOf(' ') < 0 && !body.contains("Action=") && !service.equals("s3");
        }
    }

    /** An answer to send back: status, content type, body (and, for forwarded answers, moto's headers). */
    record Answer(int status, String contentType, byte[] body, Map<String, List<String>> headers, String contentLength) {
        Answer(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of(), null);
        }

        Answer(int status, String contentType, byte[] body, Map<String, List<String>> headers) {
            this(status, contentType, body, headers, null);
        }
    }

    /** Each service's own error answer for a kind, as the SDK's protocol parsers expect it. */
    static final class ErrorAnswers {
        private ErrorAnswers() {
        }

        static Answer of(Kind kind, Request r) {
            String code;
            int status;
            switch (kind) {
                case THROTTLING -> {
                    switch (r.service()) {
                        case "s3" -> { return s3(503, "SlowDown", "Please reduce your request rate."); }
                        case "ec2" -> { return ec2(503, "RequestLimitExceeded", "Request limit exceeded."); }
                        case "elasticfilesystem" -> { return restJson(429, "ThrottlingException", "Rate exceeded"); }
                        default -> {
                            code = r.json() ? "ThrottlingException" : "Throttling";
                            status = 400;
                        }
                    }
                }
                case UNAVAILABLE -> {
                    code = r.service().equals("s3") ? "SlowDown" : "ServiceUnavailable";
                    status = 503;
                }
                default -> {
                    code = r.service().equals("s3") || r.service().equals("ec2") ? "InternalError" : "InternalFailure";
                    status = 500;
                }
            }
            String message = "injected by the test's fault proxy";
            return switch (r.service()) {
                case "s3" -> s3(status, code, message);
                case "ec2" -> ec2(status, code, message);
                case "elasticfilesystem" -> restJson(status, code, message);
                default -> r.json()
                        ? new Answer(status, "application/x-amz-json-1.1", ("{\"__type\":\"" + code + "\",\"message\":\""
                        + message + "\"}").getBytes(StandardCharsets.UTF_8), Map.of("x-amzn-ErrorType", List.of(code)))
                        : new Answer(status, "text/xml", ("<ErrorResponse><Error><Type>" + (status < 500 ? "Sender" : "Receiver")
                        + "</Type><Code>" + code + "</Code><Message>" + message + "</Message></Error>"
                        + "<RequestId>fault-proxy</RequestId></ErrorResponse>").getBytes(StandardCharsets.UTF_8));
            };
        }

        private static Answer s3(int status, String code, String message) {
            return new Answer(status, "application/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>" + code
                    + "</Code><Message>" + message + "</Message><RequestId>fault-proxy</RequestId></Error>")
                    .getBytes(StandardCharsets.UTF_8));
        }

        private static Answer ec2(int status, String code, String message) {
            return new Answer(status, "text/xml", ("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error><Code>"
                    + code + "</Code><Message>" + message + "</Message></Error></Errors><RequestID>fault-proxy</RequestID>"
                    + "</Response>").getBytes(StandardCharsets.UTF_8));
        }

        private static Answer restJson(int status, String code, String message) {
            return new Answer(status, "application/json", ("{\"ErrorCode\":\"" + code + "\",\"Message\":\"" + message + "\"}")
                    .getBytes(StandardCharsets.UTF_8), Map.of("x-amzn-ErrorType", List.of(code)));
        }
    }

    private void delayed(HttpExchange ex, byte[] body, Request request, Duration delay) throws IOException {
        Answer a = forward(ex, body, request);
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        try {
            answer(ex, a);
        } catch (IOException gone) {
            // The client gave up at its read timeout: that was the point.
        }
    }

    /** Sends the headers and half the body, then drops the connection (the handler fails mid-exchange). */
    private void reset(HttpExchange ex, byte[] body, Request request, String attemptKey) throws IOException {
        Answer a = forward(ex, body, request);
        unanswered.computeIfPresent(attemptKey, (k, what) -> what + " (answer " + a.status() + ", " + a.body().length + " bytes)");
        if (request.method().equals("HEAD") || a.status() == 204 || a.status() == 304 || nothingToRead(a.body())
                || errorCodeInHeader(a)) {
            // Nothing the client needs to break off (HEAD, 204, an empty 200 such as PutObject's,
            // SSM's "{}" of DeleteParameter, an error whose code is in x-amzn-ErrorType such as
            // EFS's 404 PolicyNotFound): the connection closes before the answer starts. Breaking
            // off such a body after complete headers is no fault the client can see: the SDK has
            // all it reads, takes the answer and does not retry (found by the fault runs, per
            // attempt on the wire: every retry `-v` was short of the faults counted was a reset of
            // one of these).
            throw new IOException("fault proxy: connection closed before the answer");
        }
        a.headers().forEach((k, vs) -> vs.forEach(v -> ex.getResponseHeaders().add(k, v)));
        ex.getResponseHeaders().set("Content-Type", a.contentType() == null ? "application/octet-stream" : a.contentType());
        int length = Math.max(a.body().length, 2);
        ex.sendResponseHeaders(a.status(), length);
        OutputStream os = ex.getResponseBody();
        os.write(a.body(), 0, Math.min(a.body().length, length / 2));
        os.flush();
        // Abandon the exchange: the server closes the connection with bytes still owed.
        throw new IOException("fault proxy: connection reset mid-response");
    }

    /** An error answer that names its code in a header (REST-JSON): the SDK needs nothing of its body. */
    private static boolean errorCodeInHeader(Answer a) {
        return a.status() >= 300 && a.headers().keySet().stream().anyMatch(k -> k.equalsIgnoreCase("x-amzn-ErrorType"));
    }

    /** An answer body with no member in it for the SDK to read: empty, or a JSON object without members. */
    private static boolean nothingToRead(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8).replaceAll("\\s", "");
        return text.isEmpty() || text.equals("{}");
    }

    private Answer forward(HttpExchange ex, byte[] body, Request request) throws IOException {
        String token = request.service().equals("elasticfilesystem") && request.method().equals("POST")
                && request.path().endsWith("/access-points") ? clientToken(request.body())
                : request.service().equals("cloudformation") && request.operation().equals("CreateStack")
                ? requestToken(request.body()) : null;
        if (token != null) {
            // moto ignores CreateAccessPoint's ClientToken (design/emulator.md item 6) and
            // CreateStack's ClientRequestToken; AWS answers a repeated token with the outcome of the
            // first request (CloudFormation: "so that CloudFormation knows that you're not attempting
            // to create a stack with the same name"). The SDK sends the same token on every retry.
            // Played here, where the quirk shows: a retry that reaches moto while the first request
            // still runs (moto slower than the read timeout) otherwise creates the stack's resources
            // twice inside moto and leaves it answering 500 to every DescribeStacks.
            Answer first = firstAnswerByToken.get(token);
            if (first != null) {
                return first;
            }
            synchronized (tokenLocks.computeIfAbsent(token, k -> new Object())) {
                first = firstAnswerByToken.get(token);
                if (first != null) {
                    return first;
                }
                Answer a = upstream(ex, body);
                if (a.status() < 300) {
                    firstAnswerByToken.put(token, a);
                }
                return a;
            }
        }
        return upstream(ex, body);
    }

    private static String requestToken(String body) {
        Matcher m = Pattern.compile("(?:^|&)ClientRequestToken=([^&]+)").matcher(body);
        return m.find() ? "cfn:" + m.group(1) : null;
    }

    private static String clientToken(String body) {
        Matcher m = CLIENT_TOKEN.matcher(body);
        return m.find() ? m.group(1) : null;
    }

    private Answer upstream(HttpExchange ex, byte[] body) throws IOException {
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
        Map<String, List<String>> headers = new java.util.LinkedHashMap<>();
        c.getHeaderFields().forEach((k, vs) -> {
            if (k != null && !k.equalsIgnoreCase("Content-Length") && !k.equalsIgnoreCase("Transfer-Encoding")
                    && !k.equalsIgnoreCase("Connection") && !k.equalsIgnoreCase("Content-Type")) {
                headers.put(k, List.copyOf(vs));
            }
        });
        return new Answer(status, c.getContentType(), answer, headers, c.getHeaderField("Content-Length"));
    }

    private static void answer(HttpExchange ex, Answer a) throws IOException {
        a.headers().forEach((k, vs) -> vs.forEach(v -> ex.getResponseHeaders().add(k, v)));
        if (a.contentType() != null) {
            ex.getResponseHeaders().set("Content-Type", a.contentType());
        }
        boolean noBody = ex.getRequestMethod().equals("HEAD") || a.status() == 204 || a.status() == 304;
        if (ex.getRequestMethod().equals("HEAD") && a.contentLength() != null) {
            // HttpServer sends no length for HEAD by itself; HeadObject's size is in this header.
            ex.getResponseHeaders().set("Content-Length", a.contentLength());
        }
        ex.sendResponseHeaders(a.status(), noBody || a.body().length == 0 ? -1 : a.body().length);
        if (!noBody && a.body().length > 0) {
            try (OutputStream os = ex.getResponseBody()) {
                os.write(a.body());
            }
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((ExecutorService) server.getExecutor()).shutdownNow();
    }
}
