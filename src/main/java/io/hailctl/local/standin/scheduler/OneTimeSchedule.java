package io.hailctl.local.standin.scheduler;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An EventBridge Scheduler schedule as a template's {@code AWS::Scheduler::Schedule} declares it (resolved
 * properties), with what the stand-in needs to run a one-time one: its {@code at()} time and its target.
 *
 * @param timezone {@code ScheduleExpressionTimezone} (Scheduler's default: UTC)
 * @param input    the target's {@code Input}, for a universal target the API call's JSON request
 */
public record OneTimeSchedule(String group, String name, String description, String expression, String timezone,
                              String state, String targetArn, String roleArn, String input) {
    private static final Pattern AT = Pattern.compile("at\\((\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2})\\)");

    /** From the resource's resolved properties; CloudFormation names an unnamed schedule after stack and resource. */
    static OneTimeSchedule of(String stackName, String logicalId, Map<String, Object> p) {
        Map<?, ?> target = p.get("Target") instanceof Map<?, ?> m ? m : Map.of();
        String name = text(p.get("Name")).orElseGet(() -> {
            String generated = stackName + "-" + logicalId;
            return generated.length() > 64 ? generated.substring(0, 64) : generated;
        });
        return new OneTimeSchedule(text(p.get("GroupName")).orElse("default"), name, text(p.get("Description")).orElse(""),
                text(p.get("ScheduleExpression")).orElse(""), text(p.get("ScheduleExpressionTimezone")).orElse("UTC"),
                text(p.get("State")).orElse("ENABLED"), text(target.get("Arn")).orElse(""),
                text(target.get("RoleArn")).orElse(""), text(target.get("Input")).orElse(""));
    }

    /** When a one-time ({@code at()}) schedule fires; empty for rate and cron schedules. */
    public Optional<Instant> at() {
        Matcher m = AT.matcher(expression);
        if (!m.matches()) {
            return Optional.empty();
        }
        try {
            return Optional.of(LocalDateTime.parse(m.group(1)).atZone(ZoneId.of(timezone)).toInstant());
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    public boolean enabled() {
        return !"DISABLED".equals(state);
    }

    private static Optional<String> text(Object o) {
        return o == null ? Optional.empty() : Optional.of(String.valueOf(o)).filter(s -> !s.isEmpty());
    }
}
