package io.hailctl.deploy.stack;

import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackWatcherTest {
    private final FakeClock clock = new FakeClock();
    private final FakeStacks stacks = new FakeStacks(clock);
    private final Contexts.Recording progress = new Contexts.Recording();

    @Test
    void pollsFastFirstThenBacksOffToTenSecondsAndSpeedsUpWhileEventsFlow() {
        PollSchedule s = new PollSchedule();
        assertEquals(List.of(1000L, 1500L, 2250L, 3375L, 5063L, 7595L, 10000L, 10000L),
                List.of(s.after(false), s.after(false), s.after(false), s.after(false), s.after(false), s.after(false),
                        s.after(false), s.after(false)).stream().map(Duration::toMillis).toList());
        s.after(true);
        assertEquals(Duration.ofSeconds(2), s.after(false), "events arriving: back to 2 s");
    }

    @Test
    void fetchesOnlyEventsNewerThanTheLastSeenOne() throws Exception {
        stacks.existing("s", "CREATE_IN_PROGRESS", Map.of(), Map.of(), Map.of(), List.of(
                new FakeStacks.Scripted(Duration.ofSeconds(5), "A", "AWS::S3::Bucket", "CREATE_COMPLETE", null),
                new FakeStacks.Scripted(Duration.ofSeconds(60), "B", "AWS::S3::Bucket", "CREATE_COMPLETE", null),
                new FakeStacks.Scripted(Duration.ofSeconds(61), "s", FakeStacks.STACK, "CREATE_COMPLETE", null)));
        StackWatcher watcher = new StackWatcher(stacks);
        StepContext ctx = Contexts.on(clock, progress, Confirmer.NO);
        StackWatcher.Result r = watcher.await("s", "s", Optional.empty(), Duration.ofMinutes(10), ctx);
        assertEquals("CREATE_COMPLETE", r.state().orElseThrow().status());
        assertEquals(List.of("A CREATE_COMPLETE", "B CREATE_COMPLETE", "s CREATE_COMPLETE"), progress.activities(),
                "each event reported exactly once, oldest first");
        List<Optional<String>> queries = stacks.eventQueries();
        int firstSeen = queries.indexOf(queries.stream().filter(Optional::isPresent).findFirst().orElseThrow());
        assertTrue(queries.subList(firstSeen, queries.size()).stream().allMatch(Optional::isPresent),
                "once an event was seen, every poll stops at the last event seen: " + queries);
        assertTrue(queries.size() < 20, "a minute of waiting takes few polls thanks to back-off: " + queries.size());
    }

    @Test
    void aStackThatAlreadyDidWhatWasAskedIsReadOnceWithoutItsEvents() throws Exception {
        stacks.existing("s", "CREATE_COMPLETE", Map.of(), Map.of("Out", "v"), Map.of(), List.of());
        StackWatcher.Result r = new StackWatcher(stacks).await("s", "s", Optional.empty(), Duration.ofMinutes(10),
                Contexts.on(clock, progress, Confirmer.NO));
        assertEquals("CREATE_COMPLETE", r.state().orElseThrow().status());
        assertEquals(List.of(), stacks.eventQueries(), "no DescribeStackEvents: nothing to explain");
        assertEquals(List.of("s CREATE_COMPLETE"), progress.activities(), "its own status is reported");
    }

    @Test
    void aStackThatFailedBeforeTheFirstPollIsExplainedFromItsEvents() throws Exception {
        stacks.existing("s", "ROLLBACK_COMPLETE", Map.of(), Map.of(), Map.of(), List.of());
        stacks.history("s", "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", "bucket name taken");
        StackWatcher.Result r = new StackWatcher(stacks).await("s", "s", Optional.empty(), Duration.ofMinutes(10),
                Contexts.on(clock, progress, Confirmer.NO));
        assertEquals(1, stacks.eventQueries().size(), "one event read, for the root cause");
        assertEquals(Optional.of("Bucket (AWS::S3::Bucket) CREATE_FAILED: bucket name taken"), r.rootCause());
    }

    @Test
    void ctrlCStopsTheWaitAtOnce() {
        stacks.existing("s", "CREATE_IN_PROGRESS", Map.of(), Map.of(), Map.of(), List.of());
        Cancellation cancel = new Cancellation();
        StepContext ctx = new StepContext("s", progress, clock, d -> {
            clock.sleep(d);
            cancel.cancel();
        }, cancel, Confirmer.NO, CallBudget.standard(clock, clock), true);
        assertThrows(Cancellation.Detached.class, () -> new StackWatcher(stacks).await("s", "s", Optional.empty(),
                Duration.ofMinutes(10), ctx));
        assertTrue(clock.sleeps().stream().mapToLong(Duration::toMillis).sum() <= 1000, "stopped within a second");
    }

    @Test
    void theCallBudgetCapsParallelWatchersTogether() throws Exception {
        FakeClock c = new FakeClock();
        CallBudget budget = new CallBudget(c, c, 4, 4);
        for (int i = 0; i < 40; i++) {
            budget.acquire();
        }
        // 4 at once, then 4 per second: the 40th call cannot happen before 9 s.
        long elapsed = c.sleeps().stream().mapToLong(Duration::toMillis).sum();
        assertTrue(elapsed >= 9000 && elapsed <= 9100, "40 calls took " + elapsed + " ms of fake time");
        assertEquals(40, budget.granted());
    }
}
