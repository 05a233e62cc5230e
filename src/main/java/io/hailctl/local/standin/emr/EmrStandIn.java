package io.hailctl.local.standin.emr;

import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.cfn.Materialiser;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * The emulator's stand-in for EMR clusters and steps (only under --local and in tests): a cluster a
 * template makes gets its instance groups and stays WAITING until terminated; spark-submit steps run
 * one at a time with a local Python and report PENDING, RUNNING, COMPLETED or FAILED with their logs
 * where EMR writes them. One instance holds the state its materialisers and its gap share.
 */
public final class EmrStandIn {
    /** How long a step may run before the stand-in kills it. */
    public static final Duration STEP_LIMIT = Duration.ofMinutes(10);

    private final LiveClusters live;
    private final InstanceGroups groups;

    public EmrStandIn(EmulatorEmr emr, StepPython python, Consumer<String> log) {
        this.live = new LiveClusters(emr, python, STEP_LIMIT, log);
        this.groups = new InstanceGroups(emr);
    }

    /** For the CloudFormation gap: AWS::EMR::Cluster and AWS::EMR::InstanceGroupConfig. */
    public List<Materialiser> materialisers() {
        return List.of(new EmrClusterMaterialiser(groups, live), new TaskGroupMaterialiser(groups));
    }

    /**
     * EMR's {@code TerminateJobFlows} with this JSON request ({@code {"JobFlowIds":[...]}}) made by another part of
     * the stand-in (a schedule's universal target): the clusters it keeps alive terminate as by a user's request.
     * False when none of them is one of those.
     */
    public boolean terminateJobFlows(String request) {
        boolean any = false;
        for (Object id : JsonBody.list(JsonBody.parse(request).get("JobFlowIds"))) {
            String clusterId = String.valueOf(id);
            if (live.known(clusterId)) {
                live.terminate(clusterId, new LiveClusters.Ended("USER_REQUEST", "Terminated by user request"));
                any = true;
            }
        }
        return any;
    }

    /** The gap on EMR's API: cluster states, terminations, steps. */
    public Gap gap() {
        return new EmrGap(live);
    }
}
