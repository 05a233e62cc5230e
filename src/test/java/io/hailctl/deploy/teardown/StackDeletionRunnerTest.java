package io.hailctl.deploy.teardown;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.deploy.fakes.FakeStacks.Scripted;
import io.hailctl.plan.Component;
import io.hailctl.plan.StackDeletion;
import io.hailctl.plan.StepId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** destroy's stack deletions in the failure states CloudFormation leaves behind. */
class StackDeletionRunnerTest {
    private static final String NAME = "demo-jupyter-bob";

    private final FakeClock clock = new FakeClock();
    private final FakeStacks stacks = new FakeStacks(clock);
    private final Contexts.Recording progress = new Contexts.Recording();
    private final StackDeletionRunner runner = new StackDeletionRunner(stacks);
    private final StackDeletion step = new StackDeletion(StepId.of("delete-jupyter-bob"), NAME, Component.JUPYTER, Map.of());

    /** A delete where a retained bucket is skipped (DeletionPolicy: Retain) and the notebook refuses. */
    private static List<Scripted> deleteFailsWithARetainedResource(String stack) {
        return List.of(
                new Scripted(Duration.ZERO, stack, FakeStacks.STACK, "DELETE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(5), "BackupBucket", "AWS::S3::Bucket", "DELETE_SKIPPED", null),
                new Scripted(Duration.ofSeconds(30), "NotebookInstance", "AWS::SageMaker::NotebookInstance",
                        "DELETE_FAILED", "Notebook instance is in use"),
                new Scripted(Duration.ofSeconds(31), stack, FakeStacks.STACK, "DELETE_FAILED",
                        "The following resource(s) failed to delete: [NotebookInstance]."));
    }

    private Change delete() throws InterruptedException {
        return runner.apply(step, Inputs.resolved(Map.of()), Contexts.on(clock, progress, Confirmer.NO)).change();
    }

    @Test
    void aDeleteThatEndsDeleteFailedNamesTheResourceThatRefusedNotTheRetainedOne() {
        stacks.existing(NAME, "CREATE_COMPLETE", Map.of(), Map.of(), Map.of(), List.of());
        stacks.onDelete(StackDeletionRunnerTest::deleteFailsWithARetainedResource);

        StepFailedException e = assertThrows(StepFailedException.class, this::delete);

        assertEquals(ExitCode.FAILED, e.exitCode());
        assertEquals("stack demo-jupyter-bob DELETE_FAILED: NotebookInstance (AWS::SageMaker::NotebookInstance) "
                + "DELETE_FAILED: Notebook instance is in use", e.getMessage());
        assertEquals("Fix what blocks the deletion (see the cause), then run hailctl destroy again.", e.hint().orElseThrow());
        assertTrue(progress.activities().contains("BackupBucket DELETE_SKIPPED"), progress.activities().toString());
    }

    @Test
    void destroyAgainOnADeleteFailedStackDeletesItAgainAndTheRetainedResourceIsNoFailure() throws Exception {
        stacks.existing(NAME, "DELETE_FAILED", Map.of(), Map.of(), Map.of(), List.of());
        stacks.onDelete(stack -> List.of(
                new Scripted(Duration.ZERO, stack, FakeStacks.STACK, "DELETE_IN_PROGRESS", "User Initiated"),
                new Scripted(Duration.ofSeconds(5), "BackupBucket", "AWS::S3::Bucket", "DELETE_SKIPPED", null),
                new Scripted(Duration.ofSeconds(40), "NotebookInstance", "AWS::SageMaker::NotebookInstance",
                        "DELETE_COMPLETE", null),
                new Scripted(Duration.ofSeconds(41), stack, FakeStacks.STACK, "DELETE_COMPLETE", null)));

        assertEquals(Change.DELETED, delete());
        assertEquals(List.of("delete " + NAME), stacks.writes());
        assertTrue(stacks.describe(NAME).isEmpty(), "gone");
    }

    @Test
    void aStackAlreadyGoneIsNotAnErrorAndCostsNoWrite() throws Exception {
        assertEquals(Change.UNCHANGED, delete());
        assertEquals(List.of(), stacks.writes());
    }
}
