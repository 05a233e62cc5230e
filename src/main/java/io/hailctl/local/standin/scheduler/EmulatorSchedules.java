package io.hailctl.local.standin.scheduler;

import java.util.Optional;

/**
 * The stand-in's own calls to moto's EventBridge Scheduler (never through the stand-in): moto's
 * CloudFormation skips {@code AWS::Scheduler::Schedule}, so the stand-in makes the schedule there itself.
 * Implemented in {@code aws}.
 */
public interface EmulatorSchedules {
    Optional<OneTimeSchedule> find(String group, String name);

    /** Creates the schedule, or replaces one of that name. */
    void put(OneTimeSchedule schedule);

    void delete(String group, String name);
}
