package io.hailctl.local.standin.timing;

import io.hailctl.local.timing.Operation;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class TimeTrueTest {
    @Test
    void offUnlessAskedAndScaledWhenAsked() {
        assertEquals(Optional.empty(), TimeTrue.fromEnv(Map.of()));
        assertEquals(Optional.empty(), TimeTrue.parse("none", null));
        assertEquals(Duration.ofSeconds(20), TimeTrue.parse("aws", null).orElseThrow().table().of("AWS::S3::Bucket", Operation.CREATE));
        assertEquals(Duration.ofSeconds(1), TimeTrue.fromEnv(Map.of(TimeTrue.TIMINGS_ENV, "aws", TimeTrue.SCALE_ENV, "0.05"))
                .orElseThrow().table().of("AWS::S3::Bucket", Operation.CREATE));
    }

    @Test
    void badValuesAreOneLineNamingTheValueAndTheRule() {
        assertEquals("timings 'azure' is not one of: aws, none",
                assertThrows(IllegalArgumentException.class, () -> TimeTrue.parse("azure", null)).getMessage());
        for (String bad : new String[] {"0", "-1", "fast", "NaN", "Infinity", "1e9"}) {
            assertEquals("time scale '" + bad + "' is not a number greater than 0 and at most 1000 (e.g. 0.05: twenty times faster than AWS)",
                    assertThrows(IllegalArgumentException.class, () -> TimeTrue.parse("aws", bad)).getMessage());
        }
        assertEquals("time scale '0.5' needs timings 'aws' (timings are off)",
                assertThrows(IllegalArgumentException.class, () -> TimeTrue.parse(null, "0.5")).getMessage());
    }
}
