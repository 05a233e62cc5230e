package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * Tags the shared subnet for EMR: the AmazonEMRServicePolicy_v2 managed policy acts only on subnets
 * and security groups tagged {@code for-use-with-amazon-emr-managed-policies=true}. The subnet is
 * the user's, not a stack's, so hailctl adds the tag itself (and never removes it).
 */
public record SubnetTagStep(StepId id, String subnetId, Map<String, String> tags) implements Step {
    public static final Map<String, String> EMR_MANAGED_POLICY_TAG = Map.of("for-use-with-amazon-emr-managed-policies", "true");

    public SubnetTagStep {
        tags = Ordered.copy(tags);
    }

    @Override
    public String title() {
        return "EMR tag on subnet " + subnetId;
    }

    @Override
    public Component component() {
        return Component.NETWORK;
    }

    @Override
    public Map<String, Value> inputs() {
        return Map.of();
    }

    @Override
    public Set<String> outputs() {
        return Set.of();
    }
}
