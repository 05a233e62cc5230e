package io.hailctl.local.standin.scheduler;

/**
 * What a schedule's target does when the stand-in fires it: the universal targets it knows
 * ({@code arn:aws:scheduler:::aws-sdk:SERVICE:action}) are carried out by the stand-in's other gaps.
 */
@FunctionalInterface
public interface ScheduleTargets {
    /**
     * Invokes {@code targetArn} with {@code input}; false when the stand-in does not carry out that target (the
     * schedule is then only logged, never pretended to have run).
     */
    boolean invoke(String targetArn, String input);
}
