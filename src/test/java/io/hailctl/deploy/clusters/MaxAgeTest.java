package io.hailctl.deploy.clusters;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.plan.HardStop;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class MaxAgeTest {
    private static Optional<MaxAge> of(String flag) {
        return MaxAge.of(Optional.of(ClusterShape.parseDuration(flag).orElseThrow()));
    }

    @Test
    void aHardStopIsStartPlusTheAgeInUtc() {
        HardStop h = of("6h").orElseThrow().from(Instant.parse("2026-12-04T18:30:12.345Z"));
        assertEquals("at(2026-12-05T00:30:12)", h.scheduleExpression());
        assertEquals("2026-12-06T18:30:00", of("2d").orElseThrow().from(Instant.parse("2026-12-04T18:30:00Z")).parameterValue());
    }

    @Test
    void zeroOrNoFlagIsNoHardStop() {
        assertEquals(Optional.empty(), of("0"));
        assertEquals(Optional.empty(), MaxAge.of(Optional.empty()));
    }

    @Test
    void thirtyMinutesToFourteenDaysOtherwiseOneUsageLine() {
        assertEquals(Duration.ofMinutes(30), of("30m").orElseThrow().age());
        assertEquals(Duration.ofDays(14), of("14d").orElseThrow().age());
        HailctlException tooShort = assertThrows(HailctlException.class, () -> of("10m"));
        assertEquals(ExitCode.USAGE, tooShort.exitCode());
        assertEquals("--max-age 10m: expected 30m to 14d (0 = no hard stop); the hard stop's schedule is made once the "
                + "cluster is up, which takes 10 to 20 minutes", tooShort.getMessage());
        HailctlException tooLong = assertThrows(HailctlException.class, () -> of("15d"));
        assertEquals("--max-age 15d: expected 30m to 14d (0 = no hard stop); the hard stop's schedule is made once the "
                + "cluster is up, which takes 10 to 20 minutes", tooLong.getMessage());
        assertThrows(HailctlException.class, () -> of("1799s"));
    }
}
