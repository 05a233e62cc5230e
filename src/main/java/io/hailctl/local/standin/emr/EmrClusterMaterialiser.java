package io.hailctl.local.standin.emr;

import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;

import java.util.Map;

/**
 * Completes an {@code AWS::EMR::Cluster} the way EMR would have (stand-in only): moto makes it
 * TERMINATED with no instance groups; this adds the template's master and core groups (and resizes
 * them on a stack update) and keeps the cluster alive until its stack is deleted.
 */
final class EmrClusterMaterialiser implements Materialiser {
    private final InstanceGroups groups;
    private final LiveClusters live;
    /** Stack id and logical id to cluster id: after an UpdateStack moto no longer reports the cluster's physical id. */
    private final Map<String, String> made = new java.util.concurrent.ConcurrentHashMap<>();

    EmrClusterMaterialiser(InstanceGroups groups, LiveClusters live) {
        this.groups = groups;
        this.live = live;
    }

    @Override
    public String resourceType() {
        return "AWS::EMR::Cluster";
    }

    @Override
    public void created(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        String id = clusterId(stack, logicalId);
        Map<String, Object> instances = JsonBody.map(properties.get("Instances"));
        groups.ensure(id, "MASTER", JsonBody.map(instances.get("MasterInstanceGroup")));
        groups.ensure(id, "CORE", JsonBody.map(instances.get("CoreInstanceGroup")));
        live.alive(id);
    }

    @Override
    public void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        live.terminate(clusterId(stack, logicalId), new LiveClusters.Ended("USER_REQUEST",
                "Terminated: its stack " + stack.name() + " was deleted"));
    }

    private String clusterId(DeployedStack stack, String logicalId) {
        String key = stack.stackId() + "/" + logicalId;
        String id = stack.facts().physicalId(logicalId).or(() -> java.util.Optional.ofNullable(made.get(key)))
                .orElseThrow(() -> new IllegalStateException("the emulator made no cluster for " + logicalId));
        made.put(key, id);
        return id;
    }
}
