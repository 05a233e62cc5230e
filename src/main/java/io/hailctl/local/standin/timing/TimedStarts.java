package io.hailctl.local.standin.timing;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;
import io.hailctl.local.standin.emr.JsonBody;
import io.hailctl.local.timing.Lifecycle;
import io.hailctl.local.timing.StackTimeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The time-true gap for what CloudFormation starts: while the create of a stack's EMR cluster or SageMaker
 * notebook instance runs on its {@link StackTimeline} ({@link TimedStacks}), DescribeCluster and
 * ListClusters show the cluster STARTING then BOOTSTRAPPING, DescribeNotebookInstance and
 * ListNotebookInstances show the notebook Pending; once CloudFormation has it CREATE_COMPLETE the emulator's
 * own answer (WAITING, InService) stands. The {@link Lifecycle}'s phases are stretched over the resource's
 * slot, so the service and CloudFormation never disagree (both come from the same table and scale). A state
 * filter of a List call is applied to the corrected states.
 */
public final class TimedStarts implements Gap {
    private final TimedStacks stacks;
    private final Clock clock;
    private final Lifecycle cluster = Lifecycle.emrClusterStart();
    private final Lifecycle notebook = Lifecycle.notebookStart();

    public TimedStarts(TimedStacks stacks, Clock clock) {
        this.stacks = stacks;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "emr-sagemaker-start-timings";
    }

    @Override
    public void reset() {
        // Holds nothing of its own: the timelines are TimedStacks'.
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        if (request.service().equals("elasticmapreduce")) {
            return switch (request.operation()) {
                case "DescribeCluster" -> describe(request, next, "Cluster", this::clusterStatus);
                case "ListClusters" -> list(request, next, "ClusterStates", "Clusters", this::clusterStatus);
                default -> next.send(request);
            };
        }
        if (request.service().equals("sagemaker")) {
            return switch (request.operation()) {
                case "DescribeNotebookInstance" -> describe(request, next, null, this::notebookStatus);
                case "ListNotebookInstances" -> list(request, next, "StatusEquals", "NotebookInstances", this::notebookStatus);
                default -> next.send(request);
            };
        }
        return next.send(request);
    }

    /** Corrects one item of an answer in place; false when it is not starting. */
    private interface Correction {
        boolean apply(Map<String, Object> item, Instant now);
    }

    /** The state a started thing is in, its lifecycle stretched over its slot; empty once the slot settled. */
    static Optional<String> state(Lifecycle lifecycle, StackTimeline.Slot slot, Instant now) {
        if (!now.isBefore(slot.finish())) {
            return Optional.empty();
        }
        Duration length = Duration.between(slot.start(), slot.finish());
        Lifecycle fitted = lifecycle.scaled((double) length.toNanos() / lifecycle.total().toNanos());
        return Optional.of(fitted.stateAt(slot.start(), now));
    }

    private boolean clusterStatus(Map<String, Object> item, Instant now) {
        Optional<String> state = stacks.creating(String.valueOf(item.get("Id")), now).flatMap(s -> state(cluster, s, now));
        if (state.isEmpty()) {
            return false;
        }
        Map<String, Object> status = JsonBody.map(item.get("Status"));
        status.put("State", state.get());
        status.remove("StateChangeReason");
        Map<String, Object> timeline = JsonBody.map(status.get("Timeline"));
        timeline.remove("ReadyDateTime");
        timeline.remove("EndDateTime");
        status.put("Timeline", timeline);
        item.put("Status", status);
        return true;
    }

    private boolean notebookStatus(Map<String, Object> item, Instant now) {
        Optional<StackTimeline.Slot> slot = stacks.creating(String.valueOf(item.get("NotebookInstanceName")), now)
                .or(() -> stacks.creating(String.valueOf(item.get("NotebookInstanceArn")), now));
        Optional<String> state = slot.flatMap(s -> state(notebook, s, now));
        if (state.isEmpty()) {
            return false;
        }
        item.put("NotebookInstanceStatus", state.get());
        item.remove("Url"); // SageMaker gives the URL once the instance is InService
        return true;
    }

    /** {@code key}: the member holding the item (DescribeCluster's Cluster), or null when the body is the item. */
    private AwsResponse describe(AwsRequest request, Upstream next, String key, Correction correction) {
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        Map<String, Object> body = JsonBody.parse(response.bodyText());
        Map<String, Object> item = key == null ? body : JsonBody.map(body.get(key));
        if (!correction.apply(item, clock.instant())) {
            return response;
        }
        if (key != null) {
            body.put(key, item);
        }
        return response.withBody(JsonBody.write(body));
    }

    /** A List call: its state filter is taken off before the emulator sees it and applied to the corrected states. */
    private AwsResponse list(AwsRequest request, Upstream next, String filterKey, String listKey, Correction correction) {
        Map<String, Object> ask = JsonBody.parse(request.bodyText());
        Object wanted = ask.remove(filterKey);
        AwsResponse response = next.send(request.withBody(JsonBody.write(ask).getBytes(StandardCharsets.UTF_8)));
        if (!response.ok()) {
            return response;
        }
        Instant now = clock.instant();
        Map<String, Object> body = JsonBody.parse(response.bodyText());
        List<Object> kept = new ArrayList<>();
        for (Object o : JsonBody.list(body.get(listKey))) {
            Map<String, Object> item = JsonBody.map(o);
            correction.apply(item, now);
            if (wanted == null || matches(wanted, item)) {
                kept.add(item);
            }
        }
        body.put(listKey, kept);
        return response.withBody(JsonBody.write(body));
    }

    private static boolean matches(Object wanted, Map<String, Object> item) {
        if (wanted instanceof List<?> states) { // EMR: ClusterStates
            return states.isEmpty() || states.contains(JsonBody.map(item.get("Status")).get("State"));
        }
        return wanted.equals(item.get("NotebookInstanceStatus")); // SageMaker: StatusEquals
    }
}
