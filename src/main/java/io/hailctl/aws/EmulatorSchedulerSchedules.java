package io.hailctl.aws;

import io.hailctl.local.standin.scheduler.EmulatorSchedules;
import io.hailctl.local.standin.scheduler.OneTimeSchedule;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.scheduler.model.FlexibleTimeWindowMode;
import software.amazon.awssdk.services.scheduler.model.GetScheduleResponse;
import software.amazon.awssdk.services.scheduler.model.ResourceNotFoundException;
import software.amazon.awssdk.services.scheduler.model.Target;

import java.util.Optional;

/**
 * The emulator's stand-in's EventBridge Scheduler calls, made to moto directly: the schedule a template
 * declares, which moto's CloudFormation skips. Exists only under --local and in tests.
 */
public final class EmulatorSchedulerSchedules implements EmulatorSchedules {
    private final SchedulerClient scheduler;

    public EmulatorSchedulerSchedules(SchedulerClient scheduler) {
        this.scheduler = scheduler;
    }

    @Override
    public Optional<OneTimeSchedule> find(String group, String name) {
        GetScheduleResponse s;
        try {
            s = scheduler.getSchedule(b -> b.groupName(group).name(name));
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
        Target t = s.target();
        return Optional.of(new OneTimeSchedule(s.groupName(), s.name(), s.description() == null ? "" : s.description(),
                s.scheduleExpression(), s.scheduleExpressionTimezone() == null ? "UTC" : s.scheduleExpressionTimezone(),
                s.stateAsString(), t.arn(), t.roleArn(), t.input() == null ? "" : t.input()));
    }

    @Override
    public void put(OneTimeSchedule s) {
        Target target = Target.builder().arn(s.targetArn()).roleArn(s.roleArn()).input(s.input()).build();
        if (find(s.group(), s.name()).isPresent()) {
            AwsCalls.call(() -> scheduler.updateSchedule(b -> b.groupName(s.group()).name(s.name()).description(s.description())
                    .scheduleExpression(s.expression()).scheduleExpressionTimezone(s.timezone()).state(s.state())
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target)));
        } else {
            AwsCalls.call(() -> scheduler.createSchedule(b -> b.groupName(s.group()).name(s.name()).description(s.description())
                    .scheduleExpression(s.expression()).scheduleExpressionTimezone(s.timezone()).state(s.state())
                    .flexibleTimeWindow(w -> w.mode(FlexibleTimeWindowMode.OFF)).target(target)));
        }
    }

    @Override
    public void delete(String group, String name) {
        AwsCalls.call(() -> scheduler.deleteSchedule(b -> b.groupName(group).name(name)));
    }
}
