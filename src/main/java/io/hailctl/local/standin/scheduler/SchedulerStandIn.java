package io.hailctl.local.standin.scheduler;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;
import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The emulator's stand-in for EventBridge Scheduler's one-time schedules (only under --local and in tests).
 * moto's CloudFormation skips {@code AWS::Scheduler::Schedule} and moto never runs a schedule: the
 * materialiser makes the template's schedule in moto's Scheduler (so it can be read back as on AWS), and at
 * its {@code at()} time (at once if that has passed) the stand-in invokes its target through
 * {@link ScheduleTargets}, once. The schedule stays afterwards, as CloudFormation's does (its resource has
 * no ActionAfterCompletion); deleting the stack deletes it and cancels what has not fired.
 */
public final class SchedulerStandIn {
    private final EmulatorSchedules schedules;
    private final ScheduleTargets targets;
    private final Clock clock;
    private final Consumer<String> log;
    private final Map<String, Armed> armed = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "stand-in-scheduler");
        t.setDaemon(true);
        return t;
    });

    private record Armed(OneTimeSchedule schedule, ScheduledFuture<?> firing) {
    }

    public SchedulerStandIn(EmulatorSchedules schedules, ScheduleTargets targets, Clock clock, Consumer<String> log) {
        this.schedules = schedules;
        this.targets = targets;
        this.clock = clock;
        this.log = log;
    }

    /** For the CloudFormation gap: {@code AWS::Scheduler::Schedule}. */
    public Materialiser materialiser() {
        return new Materialiser() {
            @Override
            public String resourceType() {
                return "AWS::Scheduler::Schedule";
            }

            @Override
            public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
                OneTimeSchedule wanted = OneTimeSchedule.of(stack.name(), logicalId, properties);
                if (schedules.find(wanted.group(), wanted.name()).filter(wanted::equals).isEmpty()) {
                    schedules.put(wanted);
                }
                arm(wanted);
            }

            @Override
            public void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
                OneTimeSchedule gone = OneTimeSchedule.of(stack.name(), logicalId, properties);
                disarm(key(gone));
                if (schedules.find(gone.group(), gone.name()).isPresent()) {
                    schedules.delete(gone.group(), gone.name());
                }
            }
        };
    }

    /** Passes every request on; it is in the chain so that an emulator reset cancels the pending schedules. */
    public Gap gap() {
        return new Gap() {
            @Override
            public String name() {
                return "scheduler-one-time-schedules";
            }

            @Override
            public AwsResponse handle(AwsRequest request, Upstream next) {
                return next.send(request);
            }

            @Override
            public void reset() {
                new ArrayList<>(armed.keySet()).forEach(SchedulerStandIn.this::disarm);
            }
        };
    }

    private void arm(OneTimeSchedule s) {
        String key = key(s);
        Armed before = armed.get(key);
        if (before != null && before.schedule().equals(s)) {
            return; // an update that left the schedule alone: it stays armed as it was
        }
        disarm(key);
        if (!s.enabled() || s.at().isEmpty()) {
            return;
        }
        Instant at = s.at().get();
        long delay = Math.max(0, Duration.between(clock.instant(), at).toMillis());
        armed.put(key, new Armed(s, timer.schedule(() -> fire(key, s), delay, TimeUnit.MILLISECONDS)));
        log.accept("stand-in: schedule " + s.name() + " armed for " + at + " (" + s.targetArn() + ")");
    }

    private void fire(String key, OneTimeSchedule s) {
        armed.remove(key);
        try {
            boolean done = targets.invoke(s.targetArn(), s.input());
            log.accept("stand-in: schedule " + s.name() + (done ? " invoked " : " fired; the stand-in does not carry out ")
                    + s.targetArn());
        } catch (RuntimeException e) {
            log.accept("stand-in: schedule " + s.name() + " failed to invoke " + s.targetArn() + ": " + e.getMessage());
        }
    }

    private void disarm(String key) {
        Armed a = armed.remove(key);
        if (a != null) {
            a.firing().cancel(false);
        }
    }

    private static String key(OneTimeSchedule s) {
        return s.group() + "/" + s.name();
    }
}
