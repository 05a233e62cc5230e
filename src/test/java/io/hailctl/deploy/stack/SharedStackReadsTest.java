package io.hailctl.deploy.stack;

import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SharedStackReadsTest {
    private final FakeClock clock = new FakeClock();
    private final FakeStacks fake = new FakeStacks(clock);
    private final List<String> reads = new ArrayList<>();
    private final SharedStackReads stacks = new SharedStackReads(new Counting(), clock);

    /** The fake, recording each read that reaches it. */
    private class Counting implements Stacks {
        public Optional<StackState> describe(String nameOrId) {
            reads.add("describe " + SharedStackReads.nameOf(nameOrId));
            return fake.describe(nameOrId);
        }

        public List<String> names(String prefix) {
            reads.add("list '" + prefix + "'");
            return fake.names(prefix);
        }

        public String create(StackRequest request) {
            return fake.create(request);
        }

        public Optional<String> update(StackRequest request) {
            return fake.update(request);
        }

        public void delete(String stackId, String token) {
            fake.delete(stackId, token);
        }

        public List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
            return fake.eventsSince(stackId, stopAtEventId);
        }

        public List<ResourceChange> previewUpdate(StackRequest request) {
            return fake.previewUpdate(request);
        }
    }

    /** The fake as CloudFormation answers an unnamed DescribeStacks: the listing with each description. */
    private final class DescribingAll extends Counting {
        @Override
        public Optional<List<StackState>> describeAll(String prefix) {
            reads.add("describe all '" + prefix + "'");
            return Optional.of(fake.names(prefix).stream().map(n -> fake.describe(n).orElseThrow()).toList());
        }
    }

    @Test
    void aListingThatDescribesAnswersTheSettledStacksByNameAndNotTheOnesInProgress() {
        SharedStackReads shared = new SharedStackReads(new DescribingAll(), clock);
        settled("demo-s3");
        settled("demo-network");
        fake.existing("demo-emr-hail", "CREATE_IN_PROGRESS", Map.of(), Map.of(), Map.of(), List.of(
                new FakeStacks.Scripted(Duration.ofSeconds(60), "demo-emr-hail", FakeStacks.STACK, "CREATE_COMPLETE", null)));
        assertEquals(List.of("demo-emr-hail", "demo-network", "demo-s3"), shared.names("demo-"));
        assertEquals(Map.of("Out", "v"), shared.describe("demo-s3").orElseThrow().outputs());
        assertEquals("CREATE_COMPLETE", shared.describe("demo-network").orElseThrow().status());
        assertEquals("CREATE_IN_PROGRESS", shared.describe("demo-emr-hail").orElseThrow().status());
        assertEquals(Optional.empty(), shared.describe("demo-jupyter-alice"));
        assertEquals(List.of("describe all ''", "describe demo-emr-hail"), reads,
                "one read for the listing and both settled stacks; the one in progress is read again");
        clock.advance(SharedStackReads.FRESH);
        shared.describe("demo-s3");
        assertEquals(List.of("describe all ''", "describe demo-emr-hail", "describe demo-s3"), reads);
    }

    private void settled(String name) {
        fake.existing(name, "CREATE_COMPLETE", Map.of("SubnetId", "subnet-1"), Map.of("Out", "v"), Map.of(), List.of());
    }

    @Test
    void oneListingServesEveryPrefixAndAnswersForStacksNotInIt() {
        settled("demo-s3");
        settled("other-s3");
        assertEquals(List.of(), stacks.names("demo-jupyter-"));
        assertEquals(List.of("demo-s3"), stacks.names("demo-"));
        assertEquals(Optional.empty(), stacks.describe("demo-network"), "not listed: absent, without a read");
        assertEquals(List.of("list ''"), reads);
    }

    @Test
    void aSettledAnswerServesTheNextReadOfThatNameUntilItIsNoLongerFresh() {
        settled("demo-s3");
        StackState first = stacks.describe("demo-s3").orElseThrow();
        assertEquals(first, stacks.describe("demo-s3").orElseThrow());
        assertEquals(List.of("describe demo-s3"), reads);
        clock.advance(SharedStackReads.FRESH);
        stacks.describe("demo-s3");
        stacks.names("demo-");
        clock.advance(SharedStackReads.FRESH);
        stacks.names("demo-");
        assertEquals(List.of("describe demo-s3", "describe demo-s3", "list ''", "list ''"), reads);
    }

    @Test
    void aStackThisRunWroteIsAlwaysReadAgain() {
        settled("demo-network");
        stacks.names("demo-");
        String id = stacks.create(new StackRequest("demo-s3", "{}", Map.of(), Map.of(), "t1"));
        assertTrue(stacks.describe("demo-s3").isPresent(), "created since the listing: read, not 'absent'");
        stacks.describe("demo-network");
        stacks.update(new StackRequest("demo-network", "{}", Map.of("A", "b"), Map.of(), "t2"));
        stacks.describe("demo-network");
        stacks.delete(id, "t3");
        stacks.describe("demo-s3");
        assertEquals(List.of("list ''", "describe demo-s3", "describe demo-network", "describe demo-network",
                "describe demo-s3"), reads);
    }

    @Test
    void aListingIsTakenAgainForAPrefixUnderWhichThisRunCreatedAStack() {
        settled("demo-emr-hail");
        assertEquals(List.of("demo-emr-hail"), stacks.names("demo-emr-"));
        stacks.create(new StackRequest("demo-emr-scratch", "{}", Map.of(), Map.of(), "t1"));
        assertEquals(List.of("demo-emr-hail", "demo-emr-scratch"), stacks.names("demo-emr-"));
        assertEquals(List.of("list ''", "list ''"), reads);
    }

    @Test
    void anAnswerInProgressAndAReadByIdAreNeverReused() {
        fake.existing("demo-s3", "CREATE_IN_PROGRESS", Map.of(), Map.of(), Map.of(), List.of(
                new FakeStacks.Scripted(Duration.ofSeconds(60), "demo-s3", FakeStacks.STACK, "CREATE_COMPLETE", null)));
        assertEquals("CREATE_IN_PROGRESS", stacks.describe("demo-s3").orElseThrow().status());
        String id = stacks.describe("demo-s3").orElseThrow().id();
        stacks.describe(id);
        stacks.describe(id);
        assertEquals(List.of("describe demo-s3", "describe demo-s3", "describe demo-s3", "describe demo-s3"), reads);
    }

    @Test
    void aStackIdNamesItsStack() {
        assertEquals("demo-s3", SharedStackReads.nameOf("arn:aws:cloudformation:us-east-1:123456789012:stack/demo-s3/abc-1"));
        assertEquals("demo-s3", SharedStackReads.nameOf("demo-s3"));
    }
}
