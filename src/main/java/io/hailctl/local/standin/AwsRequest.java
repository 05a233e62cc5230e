package io.hailctl.local.standin;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One AWS API request as the stand-in received it.
 *
 * @param method    HTTP method
 * @param path      the request path without the query ("/" for RPC-style services, "/bucket/key" for S3)
 * @param rawQuery  the raw query string, or "" when there is none
 * @param headers   request headers, names in lower case
 * @param body      the request body (may be empty)
 * @param service   the AWS service signing name from the SigV4 credential scope ("cloudformation",
 *                  "codebuild", "elasticmapreduce", "sagemaker", "s3", "logs", "ssm", "ec2", ...), "" if unsigned
 * @param operation the operation ("CreateStack", "BatchGetBuilds", ...) from X-Amz-Target or the
 *                  query protocol's Action; "" for REST services such as S3
 */
public record AwsRequest(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                         String service, String operation) {
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/[^/]+/([^/]+)/aws4_request");
    private static final Pattern PRESIGNED_SCOPE = Pattern.compile("(?:^|&)X-Amz-Credential=[^&]*?(?:/|%2F)\\d{8}(?:/|%2F)[^/&%]+(?:/|%2F)([^/&%]+)(?:/|%2F)aws4_request");

    public AwsRequest {
        headers = Map.copyOf(headers);
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** Reads service and operation from the wire, as AWS's front door does. */
    public static AwsRequest of(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body) {
        Map<String, List<String>> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.merge(k.toLowerCase(Locale.ROOT), List.copyOf(v), (a, b) -> {
            List<String> all = new java.util.ArrayList<>(a);
            all.addAll(b);
            return all;
        }));
        String service = "";
        String auth = first(lower, "authorization").orElse("");
        Matcher m = SCOPE.matcher(auth);
        if (m.find()) {
            service = m.group(1);
        } else if (rawQuery != null) {
            Matcher p = PRESIGNED_SCOPE.matcher(rawQuery);
            if (p.find()) {
                service = p.group(1);
            }
        }
        String operation = "";
        Optional<String> target = first(lower, "x-amz-target");
        if (target.isPresent()) {
            String t = target.get();
            operation = t.substring(t.lastIndexOf('.') + 1);
        } else {
            String action = formOf(rawQuery, contentType(lower), body).get("Action");
            if (action != null) {
                operation = action;
            }
        }
        return new AwsRequest(method, path, rawQuery, lower, body, service, operation);
    }

    /** True for this service and operation, e.g. {@code is("codebuild", "BatchGetBuilds")}. */
    public boolean is(String service, String operation) {
        return this.service.equals(service) && this.operation.equals(operation);
    }

    public Optional<String> header(String name) {
        return first(headers, name.toLowerCase(Locale.ROOT));
    }

    public String bodyText() {
        return new String(body, StandardCharsets.UTF_8);
    }

    /** The query protocol's parameters: the query string and, for form posts, the body. */
    public Map<String, String> form() {
        return formOf(rawQuery, contentType(headers), body);
    }

    /**
     * Another query-protocol call to the same service with this request's headers (a gap's follow-up
     * call through the rest of the chain, e.g. a DeleteStack after a create it could not complete).
     */
    public AwsRequest followUp(String action, Map<String, String> parameters) {
        StringBuilder b = new StringBuilder("Action=").append(encode(action)).append("&Version=")
                .append(encode(form().getOrDefault("Version", "")));
        parameters.forEach((k, v) -> b.append('&').append(encode(k)).append('=').append(encode(v)));
        Map<String, List<String>> h = new LinkedHashMap<>(headers);
        h.put("content-type", List.of("application/x-www-form-urlencoded; charset=utf-8"));
        return new AwsRequest("POST", "/", "", h, b.toString().getBytes(StandardCharsets.UTF_8), service, action);
    }

    private static String encode(String s) {
        return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    /** The same request with another body (e.g. a gap rewriting what moto is sent). */
    public AwsRequest withBody(byte[] newBody) {
        return new AwsRequest(method, path, rawQuery, headers, newBody, service, operation);
    }

    private static String contentType(Map<String, List<String>> lowerHeaders) {
        return first(lowerHeaders, "content-type").orElse("");
    }

    private static Map<String, String> formOf(String rawQuery, String contentType, byte[] body) {
        Map<String, String> form = new LinkedHashMap<>();
        parseInto(form, rawQuery);
        if (contentType.startsWith("application/x-www-form-urlencoded")) {
            parseInto(form, new String(body, StandardCharsets.UTF_8));
        }
        return form;
    }

    private static void parseInto(Map<String, String> into, String encoded) {
        if (encoded == null || encoded.isEmpty()) {
            return;
        }
        for (String pair : encoded.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = eq < 0 ? pair : pair.substring(0, eq);
            String v = eq < 0 ? "" : pair.substring(eq + 1);
            into.put(URLDecoder.decode(k, StandardCharsets.UTF_8), URLDecoder.decode(v, StandardCharsets.UTF_8));
        }
    }

    private static Optional<String> first(Map<String, List<String>> headers, String lowerName) {
        List<String> v = headers.get(lowerName);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }
}
