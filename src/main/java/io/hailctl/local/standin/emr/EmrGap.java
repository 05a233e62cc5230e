package io.hailctl.local.standin.emr;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The stand-in's gap on EMR's JSON API for the clusters it keeps alive: DescribeCluster and
 * ListClusters show them WAITING (RUNNING while a step runs) or TERMINATED with the reason, instead of
 * moto's TERMINATED at once (a ClusterStates filter is applied to the corrected states);
 * TerminateJobFlows is forwarded and remembered; AddJobFlowSteps is forwarded and the steps are run;
 * DescribeStep and ListSteps show the steps' real progress instead of moto's eternal RUNNING;
 * Get/Put/RemoveAutoTerminationPolicy and GetManagedScalingPolicy (which moto does not implement) answer
 * with the policies the cluster's template declares (and a stack update changes).
 */
final class EmrGap implements Gap {
    private static final String SERVICE = "elasticmapreduce";

    private final LiveClusters live;

    EmrGap(LiveClusters live) {
        this.live = live;
    }

    @Override
    public String name() {
        return "emr-clusters-and-steps";
    }

    @Override
    public void reset() {
        live.reset();
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        if (!request.service().equals(SERVICE)) {
            return next.send(request);
        }
        return switch (request.operation()) {
            case "DescribeCluster" -> describeCluster(request, next);
            case "ListClusters" -> listClusters(request, next);
            case "TerminateJobFlows" -> terminate(request, next);
            case "AddJobFlowSteps" -> addSteps(request, next);
            case "DescribeStep" -> describeStep(request, next);
            case "ListSteps" -> listSteps(request, next);
            case "GetAutoTerminationPolicy", "PutAutoTerminationPolicy", "RemoveAutoTerminationPolicy",
                 "GetManagedScalingPolicy" -> policy(request, next);
            default -> next.send(request);
        };
    }

    private AwsResponse describeCluster(AwsRequest request, Upstream next) {
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        Map<String, Object> body = JsonBody.parse(response.bodyText());
        Map<String, Object> cluster = JsonBody.map(body.get("Cluster"));
        String id = String.valueOf(cluster.get("Id"));
        if (!live.known(id)) {
            return response;
        }
        cluster.put("Status", live.status(id, JsonBody.map(cluster.get("Status"))));
        body.put("Cluster", cluster);
        return response.withBody(JsonBody.write(body));
    }

    private AwsResponse listClusters(AwsRequest request, Upstream next) {
        return listCorrected(request, next, "ClusterStates", "Clusters", (id, motoStatus) ->
                live.known(id) ? Optional.of(live.status(id, motoStatus)) : Optional.empty());
    }

    private AwsResponse listSteps(AwsRequest request, Upstream next) {
        return listCorrected(request, next, "StepStates", "Steps", (id, motoStatus) ->
                live.step(id).map(run -> run.status(motoStatus)));
    }

    /** A corrected status for an id, or empty to keep moto's. */
    private interface Correction {
        Optional<Map<String, Object>> status(String id, Map<String, Object> motoStatus);
    }

    /**
     * A List call whose states the stand-in corrects: its state filter is removed before moto sees it
     * (moto would filter on its own states) and applied to the corrected ones.
     */
    private static AwsResponse listCorrected(AwsRequest request, Upstream next, String filterKey, String listKey, Correction correction) {
        Map<String, Object> ask = JsonBody.parse(request.bodyText());
        List<?> wanted = JsonBody.list(ask.remove(filterKey));
        AwsResponse response = next.send(request.withBody(JsonBody.write(ask).getBytes(StandardCharsets.UTF_8)));
        if (!response.ok()) {
            return response;
        }
        Map<String, Object> body = JsonBody.parse(response.bodyText());
        List<Object> kept = new ArrayList<>();
        for (Object o : JsonBody.list(body.get(listKey))) {
            Map<String, Object> item = JsonBody.map(o);
            correction.status(String.valueOf(item.get("Id")), JsonBody.map(item.get("Status"))).ifPresent(st -> item.put("Status", st));
            if (wanted.isEmpty() || wanted.contains(JsonBody.map(item.get("Status")).get("State"))) {
                kept.add(item);
            }
        }
        body.put(listKey, kept);
        return response.withBody(JsonBody.write(body));
    }

    private AwsResponse terminate(AwsRequest request, Upstream next) {
        AwsResponse response = next.send(request);
        if (response.ok()) {
            for (Object id : JsonBody.list(JsonBody.parse(request.bodyText()).get("JobFlowIds"))) {
                live.terminate(String.valueOf(id), new LiveClusters.Ended("USER_REQUEST", "Terminated by user request"));
            }
        }
        return response;
    }

    private AwsResponse addSteps(AwsRequest request, Upstream next) {
        Map<String, Object> ask = JsonBody.parse(request.bodyText());
        String clusterId = String.valueOf(ask.get("JobFlowId"));
        if (live.known(clusterId) && !live.isAlive(clusterId)) {
            return AwsResponse.json(400, JsonBody.write(Map.of("__type", "ValidationException",
                    "message", "A job flow that is shutting down, terminated, or finished may not be modified.")));
        }
        AwsResponse response = next.send(request);
        if (!response.ok() || !live.known(clusterId)) {
            return response;
        }
        List<?> ids = JsonBody.list(JsonBody.parse(response.bodyText()).get("StepIds"));
        List<?> steps = JsonBody.list(ask.get("Steps"));
        for (int i = 0; i < ids.size() && i < steps.size(); i++) {
            Map<String, Object> jar = JsonBody.map(JsonBody.map(steps.get(i)).get("HadoopJarStep"));
            List<String> args = JsonBody.list(jar.get("Args")).stream().map(String::valueOf).toList();
            live.submit(clusterId, String.valueOf(ids.get(i)), StepCommand.of(String.valueOf(jar.get("Jar")), args));
        }
        return response;
    }

    /** A cluster's auto-termination or managed-scaling policy, for the clusters the stand-in keeps. */
    private AwsResponse policy(AwsRequest request, Upstream next) {
        Map<String, Object> ask = JsonBody.parse(request.bodyText());
        String id = String.valueOf(ask.get("ClusterId"));
        if (!live.known(id)) {
            return next.send(request);
        }
        LiveClusters.Policies p = live.policies(id);
        Map<String, Object> answer = new java.util.LinkedHashMap<>();
        switch (request.operation()) {
            case "GetAutoTerminationPolicy" -> p.idleTimeoutSeconds()
                    .ifPresent(s -> answer.put("AutoTerminationPolicy", Map.of("IdleTimeout", s)));
            case "PutAutoTerminationPolicy" -> live.policies(id, p.withIdleTimeout(Optional.ofNullable(
                    JsonBody.map(ask.get("AutoTerminationPolicy")).get("IdleTimeout")).map(v -> Long.parseLong(String.valueOf(v)))));
            case "RemoveAutoTerminationPolicy" -> live.policies(id, p.withIdleTimeout(Optional.empty()));
            default -> {
                if (!p.managedScaling().isEmpty()) {
                    answer.put("ManagedScalingPolicy", numbers(p.managedScaling()));
                }
            }
        }
        return AwsResponse.json(200, JsonBody.write(answer));
    }

    /** A template's values are text; EMR answers its counts as numbers. */
    private static Object numbers(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new java.util.LinkedHashMap<>();
            m.forEach((k, v) -> out.put(String.valueOf(k), numbers(v)));
            return out;
        }
        if (value instanceof List<?> l) {
            return l.stream().map(EmrGap::numbers).toList();
        }
        return value instanceof String s && s.matches("\\d{1,9}") ? Integer.parseInt(s) : value;
    }

    private AwsResponse describeStep(AwsRequest request, Upstream next) {
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        Map<String, Object> body = JsonBody.parse(response.bodyText());
        Map<String, Object> step = JsonBody.map(body.get("Step"));
        Optional<StepRun> run = live.step(String.valueOf(step.get("Id")));
        if (run.isEmpty()) {
            return response;
        }
        step.put("Status", run.get().status(JsonBody.map(step.get("Status"))));
        body.put("Step", step);
        return response.withBody(JsonBody.write(body));
    }
}
