package io.hailctl.local.standin.scheduler;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class OneTimeScheduleTest {
    private static final Map<String, Object> HARD_STOP = Map.of(
            "ScheduleExpression", "at(2026-12-04T20:15:00)",
            "ScheduleExpressionTimezone", "UTC",
            "State", "ENABLED",
            "Target", Map.of("Arn", "arn:aws:scheduler:::aws-sdk:emr:terminateJobFlows",
                    "RoleArn", "arn:aws:iam::123456789012:role/r", "Input", "{\"JobFlowIds\":[\"j-1\"]}"));

    @Test
    void theTemplatesScheduleIsNamedAfterStackAndResourceAndFiresAtItsAtTime() {
        OneTimeSchedule s = OneTimeSchedule.of("demo-emr-scratch", "HardStopSchedule", HARD_STOP);
        assertEquals("default", s.group());
        assertEquals("demo-emr-scratch-HardStopSchedule", s.name());
        assertEquals(Optional.of(Instant.parse("2026-12-04T20:15:00Z")), s.at());
        assertEquals("arn:aws:scheduler:::aws-sdk:emr:terminateJobFlows", s.targetArn());
        assertEquals("{\"JobFlowIds\":[\"j-1\"]}", s.input());
    }

    @Test
    void anotherTimezoneShiftsTheInstantAndRecurringSchedulesHaveNone() {
        Map<String, Object> berlin = new java.util.HashMap<>(HARD_STOP);
        berlin.put("ScheduleExpressionTimezone", "Europe/Berlin");
        assertEquals(Optional.of(Instant.parse("2026-12-04T19:15:00Z")), OneTimeSchedule.of("s", "R", berlin).at());
        Map<String, Object> rate = new java.util.HashMap<>(HARD_STOP);
        rate.put("ScheduleExpression", "rate(5 minutes)");
        assertEquals(Optional.empty(), OneTimeSchedule.of("s", "R", rate).at());
    }
}
