package io.hailctl.local.standin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The end of every chain: sends the request to the moto server as it came, and returns moto's answer. */
public final class MotoForwarder implements Upstream {
    /** Hop-by-hop headers, and ones the connection sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("content-length", "transfer-encoding", "connection", "host",
            "expect", "keep-alive");

    private final URI moto;

    public MotoForwarder(URI moto) {
        this.moto = moto;
    }

    public URI endpoint() {
        return moto;
    }

    @Override
    public AwsResponse send(AwsRequest request) {
        String target = moto.toString().replaceAll("/$", "") + request.path()
                + (request.rawQuery().isEmpty() ? "" : "?" + request.rawQuery());
        try {
            HttpURLConnection c = (HttpURLConnection) URI.create(target).toURL().openConnection();
            c.setRequestMethod(request.method());
            c.setInstanceFollowRedirects(false);
            c.setConnectTimeout(5_000);
            c.setReadTimeout(120_000);
            request.headers().forEach((k, vs) -> {
                if (!NOT_FORWARDED.contains(k)) {
                    vs.forEach(v -> c.addRequestProperty(k, v));
                }
            });
            byte[] body = request.body();
            if (body.length > 0 || request.method().equals("PUT") || request.method().equals("POST")) {
                c.setDoOutput(true);
                c.setFixedLengthStreamingMode(body.length);
                try (OutputStream os = c.getOutputStream()) {
                    os.write(body);
                }
            }
            int status = c.getResponseCode();
            InputStream in = status >= 400 ? c.getErrorStream() : c.getInputStream();
            byte[] answer;
            if (in == null) {
                answer = new byte[0];
            } else {
                try (InputStream s = in) {
                    answer = s.readAllBytes();
                }
            }
            Map<String, List<String>> headers = new LinkedHashMap<>();
            c.getHeaderFields().forEach((k, vs) -> {
                if (k != null && !k.equalsIgnoreCase("transfer-encoding") && !k.equalsIgnoreCase("connection")) {
                    headers.put(k, vs);
                }
            });
            return new AwsResponse(status, headers, answer);
        } catch (IOException e) {
            throw new UncheckedIOException("the emulator at " + moto + " did not answer " + request.method() + " "
                    + request.path() + ": " + e.getMessage(), e);
        }
    }
}
