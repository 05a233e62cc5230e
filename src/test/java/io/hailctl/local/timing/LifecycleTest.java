package io.hailctl.local.timing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LifecycleTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void anEmrClusterIsStartingThenBootstrappingThenWaiting() {
        Lifecycle emr = Lifecycle.emrClusterStart();
        assertEquals("STARTING", emr.stateAt(T0, T0));
        assertEquals("STARTING", emr.stateAt(T0, T0.plus(Duration.ofMinutes(7)).minusMillis(1)));
        assertEquals("BOOTSTRAPPING", emr.stateAt(T0, T0.plus(Duration.ofMinutes(7))));
        assertEquals("WAITING", emr.stateAt(T0, T0.plus(Duration.ofMinutes(10))));
        assertFalse(emr.settled(T0, T0.plus(Duration.ofMinutes(9))));
        assertTrue(emr.settled(T0, T0.plus(Duration.ofMinutes(10))));
    }

    @Test
    void aScaledNotebookIsInServiceSooner() {
        Lifecycle nb = Lifecycle.notebookStart().scaled(0.01);
        assertEquals(Duration.ofSeconds(3), nb.total());
        assertEquals("Pending", nb.stateAt(T0, T0.plusMillis(2999)));
        assertEquals("InService", nb.stateAt(T0, T0.plusSeconds(3)));
    }

    @Test
    void aBuildListsItsPhasesSoFarWithTheCurrentOneOpen() {
        Lifecycle build = new Lifecycle(List.of(new Lifecycle.Phase("QUEUED", Duration.ofSeconds(5)),
                new Lifecycle.Phase("BUILD", Duration.ofSeconds(60))), "COMPLETED", "test");
        assertEquals(List.of(new Lifecycle.Passed("QUEUED", T0, T0.plusSeconds(5)),
                new Lifecycle.Passed("BUILD", T0.plusSeconds(5), null)), build.passed(T0, T0.plusSeconds(30)));
        assertEquals("BUILD", build.stateAt(T0, T0.plusSeconds(30)));
        List<Lifecycle.Passed> done = build.passed(T0, T0.plusSeconds(65));
        assertEquals(new Lifecycle.Passed("COMPLETED", T0.plusSeconds(65), T0.plusSeconds(65)), done.get(2));
        assertEquals(3, done.size());
    }

    @Test
    void theAmiBuildTakesAboutTwentyMinutes() {
        Duration total = Lifecycle.amiBuild().total();
        assertTrue(total.compareTo(Duration.ofMinutes(15)) > 0 && total.compareTo(Duration.ofMinutes(25)) < 0, total.toString());
    }
}
