package io.hailctl.deploy.clusters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The EMR port of `cluster describe`, beyond what `status` reads: the last steps. The cluster's age and
 * applications come with its DescribeCluster ({@code Clusters.Cluster}), so they cost no read of their own.
 */
public interface ClusterFacts {

    /** The newest {@code count} steps, newest first (ListSteps); none for an unknown cluster id. */
    List<StepSummary> lastSteps(String clusterId, int count);

    /**
     * What `cluster describe` shows beyond the status view.
     *
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
