package io.hailctl.plan;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PlanTest {
    private static SeedStep seed(String id, Value bucket) {
        return new SeedStep(StepId.of(id), bucket, Optional.empty(), false);
    }

    private static AccessPointStep ap(String id, Map<String, Value> inputs) {
        return new AccessPointStep(StepId.of(id), "fs-0123456789abcdef0", id, inputs);
    }

    @Test
    void aCycleIsNamedStepByStep() {
        PlanException e = assertThrows(PlanException.class, () -> Plan.of(List.of(
                ap("a", Map.of("x", Value.outputOf(StepId.of("b"), "AccessPointId"))),
                ap("b", Map.of("y", Value.outputOf(StepId.of("c"), "AccessPointId"))),
                ap("c", Map.of("z", Value.outputOf(StepId.of("a"), "AccessPointId"))))));
        assertEquals("dependency cycle: a -> b -> c -> a", e.getMessage());
    }

    @Test
    void anInputFromAStepNotInThePlanIsNamed() {
        PlanException e = assertThrows(PlanException.class, () -> Plan.of(List.of(
                seed("seed", Value.outputOf(StepId.of("s3"), "JupyterBucket")))));
        assertEquals("step 'seed' input Bucket needs output 'JupyterBucket' of step 's3', which is not in the plan",
                e.getMessage());
    }

    @Test
    void anOutputTheSourceDoesNotDeclareIsNamedWithWhatItHas() {
        PlanException e = assertThrows(PlanException.class, () -> Plan.of(List.of(
                ap("efs-alice", Map.of()),
                seed("seed", Value.outputOf(StepId.of("efs-alice"), "Bucket")))));
        assertEquals("step 'seed' input Bucket needs output 'Bucket' of step 'efs-alice', which declares only "
                + "[AccessPointArn, AccessPointId]", e.getMessage());
    }

    @Test
    void twoStepsWithOneNameAreRefused() {
        PlanException e = assertThrows(PlanException.class, () -> Plan.of(List.of(ap("a", Map.of()), ap("a", Map.of()))));
        assertEquals("two steps are named 'a'", e.getMessage());
    }

    @Test
    void wavesFollowTheLongestChain() {
        Plan plan = Plan.of(List.of(
                ap("a", Map.of()),
                ap("b", Map.of("x", Value.outputOf(StepId.of("a"), "AccessPointId"))),
                ap("c", Map.of("x", Value.outputOf(StepId.of("b"), "AccessPointId"),
                        "y", Value.outputOf(StepId.of("a"), "AccessPointId"))),
                ap("d", Map.of())));
        assertEquals(List.of(List.of(StepId.of("a"), StepId.of("d")), List.of(StepId.of("b")), List.of(StepId.of("c"))),
                plan.waves());
        assertEquals(java.util.Set.of(StepId.of("c"), StepId.of("b"), StepId.of("a")),
                java.util.Set.copyOf(plan.upstreamOf(List.of(StepId.of("c")))));
        assertEquals(List.of(StepId.of("b"), StepId.of("c")), List.copyOf(plan.downstream(StepId.of("a"))));
    }
}
