package io.hailctl.plan;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class HardStopTest {
    @Test
    void theParameterIsTheScheduleAtFormInUtcWithWholeSeconds() {
        HardStop h = new HardStop(Instant.parse("2026-12-04T18:05:09.750Z"));
        assertEquals("2026-12-04T18:05:09", h.parameterValue());
        assertEquals("at(2026-12-04T18:05:09)", h.scheduleExpression());
        assertEquals(Instant.parse("2026-12-04T18:05:09Z"), h.at());
    }

    @Test
    void aStacksParameterReadsBackAndEmptyOrBrokenMeansNone() {
        assertEquals(Optional.of(new HardStop(Instant.parse("2026-12-31T23:59:00Z"))),
                HardStop.fromParameters(Map.of("HardStopAt", "2026-12-31T23:59:00")));
        assertEquals(Optional.empty(), HardStop.fromParameters(Map.of("HardStopAt", "")));
        assertEquals(Optional.empty(), HardStop.fromParameters(Map.of()));
        assertEquals(Optional.empty(), HardStop.fromParameters(Map.of("HardStopAt", "tomorrow")));
        assertEquals("", HardStop.parameterValue(Optional.empty()));
    }
}
