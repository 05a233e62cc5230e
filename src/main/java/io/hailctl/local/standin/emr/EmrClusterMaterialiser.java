package io.hailctl.local.standin.emr;

import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.Materialiser;

import java.util.Map;

/**
 * Completes an {@code AWS::EMR::Cluster} the way EMR would have (stand-in only): moto makes it
 * TERMINATED with no instance groups and ignores its policies; this adds the template's master and
 * core groups and records its auto-termination and managed-scaling policies, keeps the cluster alive
 * until its stack is deleted, and on a stack update changes them in place, as CloudFormation does
 * (none of these properties is create-only: the cluster keeps its id).
 */
final class EmrClusterMaterialiser implements Materialiser {
    private final InstanceGroups groups;
    private final LiveClusters live;

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
        live.policies(id, new LiveClusters.Policies(idleTimeout(properties), JsonBody.map(properties.get("ManagedScalingPolicy"))));
    }

    @Override
    public void deleted(DeployedStack stack, String logicalId, Map<String, Object> properties) {
        live.terminate(clusterId(stack, logicalId), new LiveClusters.Ended("USER_REQUEST",
                "Terminated: its stack " + stack.name() + " was deleted"));
    }

    /** The template's AutoTerminationPolicy.IdleTimeout in seconds; absent = no policy. */
    private static java.util.Optional<Long> idleTimeout(Map<String, Object> properties) {
        Object idle = JsonBody.map(properties.get("AutoTerminationPolicy")).get("IdleTimeout");
        return idle == null ? java.util.Optional.empty() : java.util.Optional.of(Long.parseLong(String.valueOf(idle).trim()));
    }

    private static String clusterId(DeployedStack stack, String logicalId) {
        return stack.facts().physicalId(logicalId)
                .orElseThrow(() -> new IllegalStateException("the emulator made no cluster for " + logicalId));
    }
}
