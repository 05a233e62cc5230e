package io.hailctl.local.standin.cfn;

import java.util.Map;

/**
 * Makes in the emulator what its CloudFormation skipped or made incompletely for one resource type
 * (e.g. moto skips {@code AWS::CodeBuild::Project}), the way CloudFormation would have, from the
 * resource's resolved properties. Called by {@link StackChanges}.
 */
public interface Materialiser {
    /** The resource type this materialiser completes, e.g. {@code AWS::CodeBuild::Project}. */
    String resourceType();

    /** After a stack holding such a resource was created or updated. Must be idempotent (updates call it again). */
    void created(DeployedStack stack, String logicalId, Map<String, Object> properties);

    /** After such a stack was deleted (the stack as it was just before). */
    default void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
    }
}
