package io.hailctl.local.standin;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One answer to an AWS API request: moto's, or one a gap made or rewrote.
 *
 * @param headers response headers, names in lower case; Content-Length is recomputed when sent
 */
public record AwsResponse(int status, Map<String, List<String>> headers, byte[] body) {
    public AwsResponse {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> {
            if (k != null) {
                lower.put(k.toLowerCase(Locale.ROOT), List.copyOf(v));
            }
        });
        headers = java.util.Collections.unmodifiableMap(lower);
    }

    /** An answer of the JSON protocols (CodeBuild, EMR, SageMaker, Logs, SSM, ...). */
    public static AwsResponse json(int status, String json) {
        return new AwsResponse(status, Map.of("content-type", List.of("application/x-amz-json-1.1")),
                json.getBytes(StandardCharsets.UTF_8));
    }

    /** An answer of the query/XML protocols (CloudFormation, EC2, ...) or S3. */
    public static AwsResponse xml(int status, String xml) {
        return new AwsResponse(status, Map.of("content-type", List.of("text/xml")), xml.getBytes(StandardCharsets.UTF_8));
    }

    public boolean ok() {
        return status >= 200 && status < 300;
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    public Optional<String> header(String name) {
        List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    /** The same answer with another body (headers kept; the length is recomputed when sent). */
    public AwsResponse withBody(String text) {
        return new AwsResponse(status, headers, text.getBytes(StandardCharsets.UTF_8));
    }
}
