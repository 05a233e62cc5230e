package io.hailctl.plan;

import io.hailctl.config.Buckets;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TeardownPlanTest {
    private final Plan plan = TeardownPlan.of("demo", List.of(
                    new TeardownPlan.Deployed("demo-s3", Component.S3),
                    new TeardownPlan.Deployed("demo-network", Component.NETWORK),
                    new TeardownPlan.Deployed("demo-ami", Component.AMI),
                    new TeardownPlan.Deployed("demo-jupyter-alice", Component.JUPYTER),
                    new TeardownPlan.Deployed("demo-emr-hail", Component.EMR)),
            List.of(new TeardownPlan.AccessPointRef("fs-1", "fsap-1", "alice")),
            new Buckets("h", "l", "j"), false);

    private Set<StepId> deps(String id) {
        return plan.require(StepId.of(id)).dependsOn();
    }

    @Test
    void theReverseOfTheDeployOrder() {
        assertEquals(Set.of(), deps("delete-jupyter-alice"), "notebooks and clusters go first, together");
        assertEquals(Set.of(), deps("delete-emr-hail"));
        assertEquals(Set.of(StepId.of("delete-jupyter-alice"), StepId.of("delete-emr-hail")), deps("delete-fsap-1"),
                "an access point goes once no notebook mounts it");
        assertEquals(Set.of(StepId.of("delete-jupyter-alice"), StepId.of("delete-emr-hail")), deps("delete-network"),
                "security groups go after everything that uses them");
        assertTrue(deps("delete-s3").containsAll(List.of(StepId.of("delete-network"), StepId.of("delete-ami"))));
        assertEquals(Set.of(StepId.of("delete-s3")), deps("bucket-jupyter"), "the buckets go last");
    }

    @Test
    void wavesShowTheOrder() {
        List<List<StepId>> waves = plan.waves();
        assertEquals(4, waves.size(), waves.toString());
        assertTrue(waves.get(3).containsAll(List.of(StepId.of("bucket-hail"), StepId.of("bucket-logs"), StepId.of("bucket-jupyter"))));
    }
}
