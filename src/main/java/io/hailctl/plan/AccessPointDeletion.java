package io.hailctl.plan;

import java.util.Map;

/**
 * `destroy`: deletes one of the environment's EFS access points (after the notebook that mounts
 * it). The user's files stay on the file system; EFS has no API to delete them.
 */
public record AccessPointDeletion(StepId id, String fileSystemId, String accessPointId, String user,
                                  Map<String, Value> after) implements Deletion {

    public AccessPointDeletion {
        after = Ordered.copy(after);
    }

    @Override
    public String title() {
        return "EFS access point " + accessPointId + (user.isEmpty() ? "" : " (" + user + ")");
    }

    @Override
    public Component component() {
        return Component.EFS;
    }

}
