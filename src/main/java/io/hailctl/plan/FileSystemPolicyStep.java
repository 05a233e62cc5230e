package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * Puts the EFS file-system policy that turns IAM authorisation on (the purpose of the original's
 * intentionally invalid {@code NoAction} statement, done with a valid policy). Its output is the
 * file system's ARN, which makes every access point step run after it.
 */
public record FileSystemPolicyStep(StepId id, String fileSystemId) implements Step {
    public static final String FILE_SYSTEM_ARN = "FileSystemArn";

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
        return Set.of(FILE_SYSTEM_ARN);
    }
}
