package io.hailctl.plan;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A cluster's hard stop (`cluster start --max-age`): the UTC time at which the cluster template's one-time
 * EventBridge Scheduler schedule terminates it. Carried by the template parameter {@value #PARAMETER} in
 * the schedule's own {@code at()} form, so the stack says when its cluster stops.
 */
public record HardStop(Instant at) {
    /** The hail-emr.yml parameter; empty = no hard stop. */
    public static final String PARAMETER = "HardStopAt";
    private static final DateTimeFormatter AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    public HardStop {
        // at() has whole seconds (and the schedule fires within that minute).
        at = Objects.requireNonNull(at, "at").truncatedTo(ChronoUnit.SECONDS);
    }

    /** The parameter's value: {@code 2026-12-04T20:15:00} (UTC). */
    public String parameterValue() {
        return AT.format(at);
    }

    /** The schedule's expression, as the template builds it from the parameter. */
    public String scheduleExpression() {
        return "at(" + parameterValue() + ")";
    }

    /** The parameter's value for an optional hard stop: empty for none. */
    public static String parameterValue(Optional<HardStop> stop) {
        return stop.map(HardStop::parameterValue).orElse("");
    }

    /** The hard stop a stack was deployed with, from its parameters; empty when none (or not readable). */
    public static Optional<HardStop> fromParameters(Map<String, String> parameters) {
        String v = parameters.getOrDefault(PARAMETER, "");
        if (v.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new HardStop(LocalDateTime.parse(v.trim(), AT).toInstant(ZoneOffset.UTC)));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
