package io.hailctl.local.standin.emr;

import java.util.Map;
import java.util.Optional;

/** A cluster's instance group of one role, made or resized to what a template declares (idempotent). */
final class InstanceGroups {
    private final EmulatorEmr emr;

    InstanceGroups(EmulatorEmr emr) {
        this.emr = emr;
    }

    void ensure(String clusterId, String role, Map<String, Object> declared) {
        if (declared.isEmpty()) {
            return;
        }
        int count = Integer.parseInt(String.valueOf(declared.getOrDefault("InstanceCount", "1")));
        Optional<EmulatorEmr.Group> existing = emr.groups(clusterId).stream().filter(g -> g.role().equals(role)).findFirst();
        if (existing.isEmpty()) {
            emr.addGroup(clusterId, new EmulatorEmr.GroupSpec(role, String.valueOf(declared.getOrDefault("Name", role)),
                    String.valueOf(declared.get("InstanceType")), count, String.valueOf(declared.getOrDefault("Market", "ON_DEMAND"))));
        } else if (existing.get().count() != count) {
            emr.resize(clusterId, existing.get().id(), count);
        }
    }
}
