package io.hailctl.deploy;

import io.hailctl.deploy.fakes.FakeClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ReadPaceTest {
    private final FakeClock clock = new FakeClock();

    private List<Instant> starts(ReadPace pace, int n) throws InterruptedException {
        List<Instant> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pace.acquire();
            out.add(clock.instant());
        }
        return out;
    }

    @Test
    void fourStartAtOnceAndTheFifthWaitsUntilTheFirstLeavesTheWindow() throws Exception {
        ReadPace pace = new ReadPace(clock, clock, 4, Duration.ofSeconds(1));
        Instant t0 = clock.instant();
        List<Instant> s = starts(pace, 5);
        assertEquals(List.of(t0, t0, t0, t0, t0.plusSeconds(1)), s);
        assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps(), "one wait, exactly until a slot opens");
        assertEquals(5, pace.granted());
    }

    @Test
    void noWindowEverHoldsMoreThanTheLimitWhereATokenBucketWithTheSameRateHoldsTwice() throws Exception {
        Duration window = Duration.ofMillis(1100);
        List<Instant> s = starts(new ReadPace(clock, clock, 4, window), 40);
        for (int i = 4; i < s.size(); i++) {
            assertTrue(!s.get(i).isBefore(s.get(i - 4).plus(window)),
                    "start " + i + " at " + s.get(i) + " is within " + window + " of start " + (i - 4));
        }
        // The same demand on a token bucket of 4/s with a burst of 4: the first 8 start within one second.
        FakeClock other = new FakeClock();
        CallBudget bucket = new CallBudget(other, other, 4, 4);
        List<Instant> b = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            bucket.acquire();
            b.add(other.instant());
        }
        assertTrue(Duration.between(b.get(0), b.get(7)).compareTo(Duration.ofSeconds(1)) <= 0,
                "why a bucket is not enough: " + b);
    }

    @Test
    void readsSpreadOutKeepTheirPaceWithoutWaiting() throws Exception {
        ReadPace pace = ReadPace.standard(clock, clock);
        for (int i = 0; i < 10; i++) {
            pace.acquire();
            clock.advance(Duration.ofMillis(300));
        }
        assertEquals(List.of(), clock.sleeps(), "3.3 reads a second never fill a window of 4 per 1.1 s");
    }

    @Test
    void aSlotFreesExactlyWhenItsStartLeavesTheWindowNotBefore() throws Exception {
        ReadPace pace = new ReadPace(clock, clock, 2, Duration.ofSeconds(1));
        Instant t0 = clock.instant();
        pace.acquire();
        clock.advance(Duration.ofMillis(400));
        pace.acquire();
        pace.acquire();
        assertEquals(t0.plusSeconds(1), clock.instant(), "the third waits for the first's window to close");
        pace.acquire();
        assertEquals(t0.plusMillis(1400), clock.instant(), "the fourth for the second's");
    }

    @Test
    void anInterruptedWaitStops() throws Exception {
        ReadPace pace = new ReadPace(clock, clock, 1, Duration.ofSeconds(1));
        pace.acquire();
        Thread.currentThread().interrupt();
        assertThrows(InterruptedException.class, pace::acquire);
        assertEquals(1, pace.granted());
    }

    @Test
    void refusesAnEmptyRule() {
        assertThrows(IllegalArgumentException.class, () -> new ReadPace(clock, clock, 0, Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> new ReadPace(clock, clock, 4, Duration.ZERO));
    }
}
