package io.hailctl.local.timing;

import java.util.Set;

/**
 * One resource of a stack operation.
 *
 * @param dependsOn logical ids this resource waits for (DependsOn, Ref, Fn::GetAtt, Fn::Sub); ids that
 *                  are not resources of the operation (parameters, pseudo parameters, resources the
 *                  operation leaves alone) are ignored
 */
public record Resource(String logicalId, String type, Set<String> dependsOn) {
    public Resource {
        dependsOn = Set.copyOf(dependsOn);
    }
}
