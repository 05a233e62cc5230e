package io.hailctl.deploy.clusters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The EMR port of `cluster list` and `cluster describe`, beyond what `status` reads: age, applications, steps. */
public interface ClusterFacts {

    /** Empty when EMR does not know the cluster id. */
    Optional<Facts> facts(String clusterId, int lastSteps);

    /**
     * @param created    when EMR created the cluster
     * @param lastSteps  newest first
     */
    record Facts(Optional<Instant> created, List<String> applications, List<StepSummary> lastSteps) {
        public Facts {
            applications = List.copyOf(applications);
            lastSteps = List.copyOf(lastSteps);
        }
    }

    /** @param failure EMR's failure reason and message, for a FAILED step */
    record StepSummary(String id, String name, String state, Optional<String> failure) {
    }
}
