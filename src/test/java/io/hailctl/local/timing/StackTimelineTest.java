package io.hailctl.local.timing;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackTimelineTest {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private static final DurationTable AWS = DurationTable.aws();

    private static Resource r(String id, String type, String... deps) {
        return new Resource(id, type, Set.of(deps));
    }

    private static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** Bucket (20 s) then its policy (3 s); a role (15 s) alongside. */
    private static final List<Resource> S3 = List.of(
            r("Bucket", "AWS::S3::Bucket"),
            r("Policy", "AWS::S3::BucketPolicy", "Bucket", "AWS::Region"),
            r("Role", "AWS::IAM::Role"));

    @Test
    void aResourceStartsWhenWhatItDependsOnHasSettled() {
        StackTimeline t = StackTimeline.plan("demo-s3", Operation.CREATE, S3, AWS, T0);
        assertEquals(at(0), t.slots().get("Bucket").start());
        assertEquals(at(20), t.slots().get("Policy").start());
        assertEquals(at(23), t.slots().get("Policy").finish());
        assertEquals(at(15), t.slots().get("Role").finish());
        assertEquals(Duration.ofSeconds(23), t.criticalPath());
        assertEquals(List.of("Bucket", "Policy"), t.criticalChain());
    }

    @Test
    void theStackIsInProgressUntilItsLastResourceSettled() {
        StackTimeline t = StackTimeline.plan("demo-s3", Operation.CREATE, S3, AWS, T0);
        assertEquals("CREATE_IN_PROGRESS", t.stackStatus(at(0)));
        assertEquals("CREATE_IN_PROGRESS", t.stackStatus(at(22)));
        assertEquals("CREATE_COMPLETE", t.stackStatus(at(23)));
    }

    @Test
    void eventsAppearOverTimeNewestFirst() {
        StackTimeline t = StackTimeline.plan("demo-s3", Operation.CREATE, S3, AWS, T0);
        assertEquals(List.of(
                new StackEvent(at(20), "Policy", "AWS::S3::BucketPolicy", "CREATE_IN_PROGRESS"),
                new StackEvent(at(20), "Bucket", "AWS::S3::Bucket", "CREATE_COMPLETE"),
                new StackEvent(at(15), "Role", "AWS::IAM::Role", "CREATE_COMPLETE"),
                new StackEvent(at(0), "Role", "AWS::IAM::Role", "CREATE_IN_PROGRESS"),
                new StackEvent(at(0), "Bucket", "AWS::S3::Bucket", "CREATE_IN_PROGRESS"),
                new StackEvent(at(0), "demo-s3", StackEvent.STACK_TYPE, "CREATE_IN_PROGRESS")), t.events(at(21)));
        List<StackEvent> done = t.events(at(23));
        assertEquals(new StackEvent(at(23), "demo-s3", StackEvent.STACK_TYPE, "CREATE_COMPLETE"), done.get(0));
        assertEquals(8, done.size());
    }

    @Test
    void deletionRunsTheGraphBackwards() {
        StackTimeline t = StackTimeline.plan("demo-s3", Operation.DELETE, S3, AWS, T0);
        assertEquals(at(0), t.slots().get("Policy").start());
        assertEquals(at(2), t.slots().get("Bucket").start());
        assertEquals(at(12), t.finish());
        assertEquals("DELETE_IN_PROGRESS", t.stackStatus(at(11)));
        assertEquals("DELETE_COMPLETE", t.stackStatus(at(12)));
        assertEquals(List.of("Policy", "Bucket"), t.criticalChain());
    }

    @Test
    void theLongestChainWinsNotTheLongestResource() {
        // A notebook (5 min) after its role (15 s) and lifecycle config (3 s): 5 min 15 s.
        StackTimeline t = StackTimeline.plan("demo-jupyter-alice", Operation.CREATE, List.of(
                r("Role", "AWS::IAM::Role"),
                r("Lifecycle", "AWS::SageMaker::NotebookInstanceLifecycleConfig"),
                r("Notebook", "AWS::SageMaker::NotebookInstance", "Role", "Lifecycle"),
                r("Param", "AWS::SSM::Parameter", "Notebook")), AWS, T0);
        assertEquals(Duration.ofSeconds(15 + 300 + 3), t.criticalPath());
        assertEquals(List.of("Role", "Notebook", "Param"), t.criticalChain());
    }

    @Test
    void aScaledTableScalesEveryDuration() {
        DurationTable fast = AWS.scaled(0.01);
        assertEquals(Duration.ofSeconds(3), fast.of("AWS::SageMaker::NotebookInstance", Operation.CREATE));
        assertEquals(Duration.ofMillis(200), fast.of("AWS::S3::Bucket", Operation.CREATE));
        StackTimeline t = StackTimeline.plan("demo-s3", Operation.CREATE, S3, fast, T0);
        assertEquals(Duration.ofMillis(230), t.criticalPath());
    }

    @Test
    void anUnknownTypeTakesTheFallback() {
        assertEquals(DurationTable.FALLBACK.create(), AWS.of("AWS::Made::Up", Operation.CREATE));
    }

    @Test
    void everyFigureNamesItsSource() {
        AWS.entries().forEach((type, d) -> assertTrue(d.source().length() > 20, type));
    }

    @Test
    void aCycleIsRefusedAsCloudFormationDoes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> StackTimeline.plan("s",
                Operation.CREATE, List.of(r("A", "AWS::IAM::Role", "B"), r("B", "AWS::IAM::Role", "A")), AWS, T0));
        assertTrue(e.getMessage().startsWith("circular dependency"), e.getMessage());
    }

    @Test
    void anEmptyOperationSettlesAtOnce() {
        StackTimeline t = StackTimeline.plan("s", Operation.UPDATE, List.of(), AWS, T0);
        assertEquals("UPDATE_COMPLETE", t.stackStatus(T0));
        assertEquals(Duration.ZERO, t.criticalPath());
    }
}
