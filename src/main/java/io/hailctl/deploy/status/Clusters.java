package io.hailctl.deploy.status;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The EMR port of `status`: one cluster, its instance groups and its auto-termination policy. */
public interface Clusters {

    /** Empty when EMR does not know the cluster id. */
    Optional<Cluster> describe(String clusterId);

    /**
     * @param created      when EMR created it (DescribeCluster's timeline)
     * @param applications "Spark 3.5.x", "Livy 0.8.0", ... as DescribeCluster lists them
     */
    record Cluster(String id, String name, String state, Optional<String> stateReason, Optional<String> masterPublicDns,
                   Optional<String> masterPrivateDns, Optional<String> customAmiId, String releaseLabel,
                   List<InstanceGroup> instanceGroups, AutoTermination autoTermination, Optional<Instant> created,
                   List<String> applications) {
        public Cluster {
            instanceGroups = List.copyOf(instanceGroups);
            applications = List.copyOf(applications);
        }
    }

    /**
     * @param role   MASTER, CORE or TASK
     * @param market ON_DEMAND or SPOT; "" when EMR does not say (ListInstanceGroups may omit it)
     */
    record InstanceGroup(String name, String role, String instanceType, String market, int running, int requested) {
        public InstanceGroup {
            name = name == null ? "" : name;
            role = role == null ? "" : role;
            instanceType = instanceType == null ? "" : instanceType;
            market = market == null ? "" : market;
        }
    }

    /**
     * What GetAutoTerminationPolicy said: {@code known} false when EMR could not answer (then the
     * reader falls back to the deployed stack's parameter); a known policy without a timeout means none.
     */
    record AutoTermination(boolean known, Optional<Duration> idleTimeout) {
        public static AutoTermination unknown() {
            return new AutoTermination(false, Optional.empty());
        }
    }
}
