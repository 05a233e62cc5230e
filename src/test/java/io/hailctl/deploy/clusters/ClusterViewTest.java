package io.hailctl.deploy.clusters;

import io.hailctl.deploy.clusters.ClusterReader.View;
import io.hailctl.deploy.stack.StackState;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link View#notRunning()}: what `cluster start --attach` turns into exit 1 instead of a row and exit 0. */
class ClusterViewTest {
    private static View view(Optional<String> stackStatus, String emrState, Optional<String> reason) {
        Optional<StackState> stack = stackStatus.map(s -> new StackState("arn:stack/dev-emr-quick/1", "dev-emr-quick", s,
                s.startsWith("ROLLBACK") ? Optional.of("The following resource(s) failed to create: [Cluster]")
                        : Optional.empty(), Map.of(), Map.of(), Map.of(), Instant.EPOCH));
        ClusterRoster.Entry entry = new ClusterRoster.Entry("quick", "dev-emr-quick", stack, false, true);
        return new View(entry, Optional.of("j-1"), emrState, reason, Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Test
    void aRolledBackCreateIsNotRunningAndSaysTheStackStatusAndItsReason() {
        assertEquals(Optional.of("stack dev-emr-quick is ROLLBACK_COMPLETE (The following resource(s) failed to create: "
                        + "[Cluster])"),
                view(Optional.of("ROLLBACK_COMPLETE"), "not deployed", Optional.empty()).notRunning());
    }

    @Test
    void stuckAndDeletingStacksAreNotRunning() {
        assertEquals(Optional.of("stack dev-emr-quick is UPDATE_ROLLBACK_FAILED"),
                view(Optional.of("UPDATE_ROLLBACK_FAILED"), "WAITING", Optional.empty()).notRunning());
        assertEquals(Optional.of("stack dev-emr-quick is DELETE_FAILED"),
                view(Optional.of("DELETE_FAILED"), "WAITING", Optional.empty()).notRunning());
    }

    @Test
    void aTerminatedClusterOnASettledStackIsNotRunning() {
        assertEquals(Optional.of("EMR state TERMINATED_WITH_ERRORS (bootstrap action 1 failed)"),
                view(Optional.of("CREATE_COMPLETE"), "TERMINATED_WITH_ERRORS", Optional.of("bootstrap action 1 failed"))
                        .notRunning());
    }

    @Test
    void aRunningClusterAndOneStillBeingCreatedAreNot() {
        assertEquals(Optional.empty(), view(Optional.of("CREATE_COMPLETE"), "WAITING", Optional.empty()).notRunning());
        assertEquals(Optional.empty(), view(Optional.of("UPDATE_ROLLBACK_COMPLETE"), "RUNNING", Optional.empty()).notRunning());
        assertEquals(Optional.empty(), view(Optional.of("CREATE_IN_PROGRESS"), "STARTING", Optional.empty()).notRunning());
    }
}
