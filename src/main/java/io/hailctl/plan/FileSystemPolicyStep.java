package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/** Puts the EFS file-system policy that turns IAM authorisation on (the original's `NoAction` purpose). */
public record FileSystemPolicyStep(StepId id, String fileSystemId) implements Step {
    @Override
    public String title() {
        return "EFS policy for " + fileSystemId;
    }

    @Override
    public Component component() {
        return Component.EFS;
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
