package io.hailctl.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * moto quirk (emulator.md §5), contained in test wiring: moto's CodeBuild answers StartBuild and
 * BatchGetBuilds with ISO-8601 text timestamps ("startTime": "2026-11-25T12:00:00.000Z"), where
 * CodeBuild's JSON protocol (and so the Java SDK's unmarshaller) has epoch seconds. This rewrites
 * such values in CodeBuild responses to epoch seconds before the SDK reads them. Real CodeBuild
 * never sends text timestamps, so it would change nothing there. Pass it with
 * {@code moto.clients(List.of(new MotoCodeBuildTimestamps(), ...))}.
 */
public final class MotoCodeBuildTimestamps implements ExecutionInterceptor {
    private static final Pattern ISO_VALUE = Pattern.compile(
            "(\"[A-Za-z]+\"\\s*:\\s*)\"(\\d{4}-\\d{2}-\\d{2}[T ]\\d{2}:\\d{2}:\\d{2}(?:\\.\\d+)?(?:Z|[+-]\\d{2}:?\\d{2})?)\"");

    @Override
    public Optional<InputStream> modifyHttpResponseContent(Context.ModifyHttpResponse context,
                                                          ExecutionAttributes attributes) {
        Optional<InputStream> body = context.responseBody();
        String service = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME);
        if (body.isEmpty() || service == null || !service.equalsIgnoreCase("CodeBuild")) {
            return body;
        }
        try (InputStream in = body.get()) {
            String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Optional.of(new ByteArrayInputStream(rewrite(json).getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String rewrite(String json) {
        Matcher m = ISO_VALUE.matcher(json);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(1) + epochSeconds(m.group(2))));
        }
        m.appendTail(out);
        return out.toString();
    }

    private static String epochSeconds(String text) {
        String iso = text.replace(' ', 'T');
        Instant at;
        try {
            at = OffsetDateTime.parse(iso.endsWith("Z") ? iso : iso.matches(".*[+-]\\d{2}:?\\d{2}$") ? iso : iso + "Z")
                    .toInstant();
        } catch (DateTimeParseException e) {
            at = LocalDateTime.parse(iso).toInstant(ZoneOffset.UTC);
        }
        return BigDecimal.valueOf(at.getEpochSecond()).add(BigDecimal.valueOf(at.getNano(), 9)).stripTrailingZeros()
                .toPlainString();
    }
}
