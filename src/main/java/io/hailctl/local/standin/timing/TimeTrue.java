package io.hailctl.local.standin.timing;

import io.hailctl.local.timing.DurationTable;

import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's time-true mode: off by default (the emulator answers at once), on with
 * {@code --timings aws [--time-scale F]} or {@link #TIMINGS_ENV}/{@link #SCALE_ENV}. Then stack operations
 * (and EMR/SageMaker starts) take the durations of {@link DurationTable#aws()} multiplied by the scale.
 */
public record TimeTrue(DurationTable table) {
    public static final String TIMINGS_ENV = "HAILCTL_STANDIN_TIMINGS";
    public static final String SCALE_ENV = "HAILCTL_STANDIN_TIME_SCALE";

    /**
     * @param timings "aws" (on), "none" or empty/null (off)
     * @param scale   a decimal in (0, 1000], or empty/null for 1
     * @return empty when off
     * @throws IllegalArgumentException one line naming the field, the value and the rule
     */
    public static Optional<TimeTrue> parse(String timings, String scale) {
        String t = timings == null ? "" : timings.trim();
        String s = scale == null ? "" : scale.trim();
        double factor = 1.0;
        if (!s.isEmpty()) {
            try {
                factor = Double.parseDouble(s);
            } catch (NumberFormatException e) {
                factor = Double.NaN;
            }
            if (!(factor > 0 && factor <= 1000) || s.chars().anyMatch(Character::isLetter)) {
                throw new IllegalArgumentException("time scale '" + s + "' is not a number greater than 0 and at most 1000 "
                        + "(e.g. 0.05: twenty times faster than AWS)");
            }
        }
        return switch (t) {
            case "", "none" -> {
                if (!s.isEmpty()) {
                    throw new IllegalArgumentException("time scale '" + s + "' needs timings 'aws' (timings are off)");
                }
                yield Optional.empty();
            }
            case "aws" -> Optional.of(new TimeTrue(DurationTable.aws().scaled(factor)));
            default -> throw new IllegalArgumentException("timings '" + t + "' is not one of: aws, none");
        };
    }

    /** From the stand-in's environment. */
    public static Optional<TimeTrue> fromEnv(Map<String, String> env) {
        return parse(env.get(TIMINGS_ENV), env.get(SCALE_ENV));
    }
}
