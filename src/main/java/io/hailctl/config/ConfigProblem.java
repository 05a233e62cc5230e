package io.hailctl.config;

import java.util.Objects;
import java.util.Optional;

/**
 * One thing wrong with the configuration, rendered by {@link #message()} as one line:
 * <pre>
 * hailctl.yaml:12: buckets.hail = "My_Bucket": bucket names use only lowercase letters, digits, dots and hyphens
 * hailctl.yaml:4: network.subnetId: is required (e.g. subnet-0123456789abcdef0)
 * command line: --region = "us-east": not an AWS region name like us-east-1 or eu-west-2
 * </pre>
 * {@code line} is 1-based, or 0 when the value came from a flag or an environment variable (then
 * {@code file} says which). {@code value} is empty when there is no single value to show: a missing key,
 * an unknown key, or a list or map where a scalar belongs.
 */
public record ConfigProblem(String file, int line, String field, Optional<String> value, String rule) {
    /** Longer values (a 300-character tag, say) are cut so the message stays one readable line. */
    static final int MAX_SHOWN_VALUE = 80;

    public ConfigProblem {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(rule, "rule");
    }

    public ConfigProblem(String file, int line, String field, String value, String rule) {
        this(file, line, field, Optional.of(value), rule);
    }

    public String message() {
        String where = line > 0 ? file + ":" + line : file;
        String what = value.map(v -> field + " = " + quoted(v)).orElse(field);
        return where + ": " + what + ": " + rule;
    }

    @Override
    public String toString() {
        return message();
    }

    /** Double-quoted, with quotes, backslashes and control characters escaped so the line stays one line. */
    static String quoted(String value) {
        String shown = value.codePointCount(0, value.length()) > MAX_SHOWN_VALUE
                ? value.substring(0, value.offsetByCodePoints(0, MAX_SHOWN_VALUE)) + "…"
                : value;
        StringBuilder out = new StringBuilder("\"");
        shown.codePoints().forEach(c -> {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (Character.isISOControl(c)) {
                        out.append(String.format("\\u%04x", c));
                    } else {
                        out.appendCodePoint(c);
                    }
                }
            }
        });
        return out.append('"').toString();
    }
}
