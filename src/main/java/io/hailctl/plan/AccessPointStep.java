package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * A user's EFS access point: POSIX uid 500 / gid 501, root {@code /sagemaker/USER} created 500:501
 * mode 750, tag {@code Name=USER}. Runs after the file-system policy step when there is one.
 */
public record AccessPointStep(StepId id, String fileSystemId, String user, Map<String, Value> inputs) implements Step {
    public static final String ACCESS_POINT_ID = "AccessPointId";
    public static final String ACCESS_POINT_ARN = "AccessPointArn";

    public AccessPointStep {
        inputs = Ordered.copy(inputs);
    }

    @Override
    public String title() {
        return "EFS access point for " + user;
    }

    @Override
    public Component component() {
        return Component.EFS;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(ACCESS_POINT_ID, ACCESS_POINT_ARN);
    }
}
