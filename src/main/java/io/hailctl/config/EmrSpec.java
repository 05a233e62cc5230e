package io.hailctl.config;

import java.util.Objects;

/** The EMR cluster: release, instance groups, task-node market and scaling, idle timeout, SSM access. */
public record EmrSpec(
        String name,
        String releaseLabel,
        String masterType,
        String coreType,
        int coreCount,
        String taskType,
        int taskMin,
        int taskMax,
        Market taskMarket,
        Scaling scaling,
        int idleTimeoutMinutes,
        boolean ssm) {

    public static final EmrSpec DEFAULTS = new EmrSpec("hail", "emr-7.12.0", "m5.xlarge", "r5.xlarge", 2,
            "r5.xlarge", 0, 0, Market.ON_DEMAND, Scaling.MANAGED, 60, false);
    public static final int MAX_NODES = 500;
    /** EMR's auto-termination allows 1 minute to 7 days; 0 is hailctl's "never". */
    public static final int MAX_IDLE_TIMEOUT_MINUTES = 7 * 24 * 60;

    public EmrSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(releaseLabel, "releaseLabel");
        Objects.requireNonNull(masterType, "masterType");
        Objects.requireNonNull(coreType, "coreType");
        Objects.requireNonNull(taskType, "taskType");
        Objects.requireNonNull(taskMarket, "taskMarket");
        Objects.requireNonNull(scaling, "scaling");
    }

    public boolean hasTaskNodes() {
        return taskMax > 0;
    }

    public boolean autoTerminates() {
        return idleTimeoutMinutes > 0;
    }
}
