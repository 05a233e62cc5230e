package io.hailctl.local.standin.emr;

import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;

import java.util.Map;

/** Adds an {@code AWS::EMR::InstanceGroupConfig} (the task group) to its cluster in the emulator (stand-in only). */
final class TaskGroupMaterialiser implements Materialiser {
    private final InstanceGroups groups;

    TaskGroupMaterialiser(InstanceGroups groups) {
        this.groups = groups;
    }

    @Override
    public String resourceType() {
        return "AWS::EMR::InstanceGroupConfig";
    }

    @Override
    public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        String clusterId = String.valueOf(properties.get("JobFlowId"));
        groups.ensure(clusterId, String.valueOf(properties.getOrDefault("InstanceRole", "TASK")), properties);
    }
}
