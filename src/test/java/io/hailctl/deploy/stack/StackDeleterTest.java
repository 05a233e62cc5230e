package io.hailctl.deploy.stack;

import io.hailctl.HailctlException;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.StepContext;
import io.hailctl.testing.FakeClock;
import io.hailctl.testing.RecordingProgress;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackDeleterTest {
    private final FakeStacks stacks = new FakeStacks(r -> Map.of());
    private final FakeClock clock = new FakeClock();
    private final StepContext ctx = new RecordingProgress().context("jupyter-alice", clock, Confirmer.NO);
    private final StackDeleter deleter = new StackDeleter(stacks, () -> "token");

    @Test
    void deletesAndWaitsUntilTheStackIsGone() throws Exception {
        stacks.seed("demo-jupyter-alice", Map.of(), Map.of());

        assertEquals(Change.DELETED, deleter.delete("demo-jupyter-alice", Duration.ofMinutes(30), ctx));

        assertTrue(stacks.live("demo-jupyter-alice").isEmpty());
        assertEquals(List.of("DeleteStack demo-jupyter-alice"), stacks.writes());
    }

    @Test
    void aStackThatIsNotThereIsNothingToDo() throws Exception {
        assertEquals(Change.UNCHANGED, deleter.delete("demo-jupyter-alice", Duration.ofMinutes(30), ctx));
        assertEquals(List.of(), stacks.writes());
    }

    @Test
    void aFailedDeleteNamesTheResourceAndItsReasonAndCanBeRetried() throws Exception {
        stacks.seed("demo-jupyter-alice", Map.of(), Map.of());
        stacks.failDelete("demo-jupyter-alice", "Notebook instance is in use");

        HailctlException e = assertThrows(HailctlException.class,
                () -> deleter.delete("demo-jupyter-alice", Duration.ofMinutes(30), ctx));

        assertEquals("stack demo-jupyter-alice DELETE_FAILED: NotebookInstance (AWS::SageMaker::NotebookInstance) "
                + "DELETE_FAILED: Notebook instance is in use", e.getMessage());
        // DELETE_FAILED is not a dead end: the next run deletes again.
        assertEquals(Change.DELETED, deleter.delete("demo-jupyter-alice", Duration.ofMinutes(30), ctx));
        assertEquals(2, stacks.writes().size());
    }
}
