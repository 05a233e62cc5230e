package io.hailctl.plan;

import io.hailctl.config.Buckets;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * `destroy` as a plan: the reverse of the deploy order. Notebooks, clusters and anything else of
 * the environment go first (in parallel), then the AMI-build and network stacks, then the buckets
 * stack, then the buckets themselves.
 */
public final class TeardownPlan {
    private TeardownPlan() {
    }

    /** A stack of the environment, found in AWS. */
    public record Deployed(String stackName, Component component) {
    }

    /** An EFS access point of the environment, found in AWS. */
    public record AccessPointRef(String fileSystemId, String accessPointId, String user) {
    }

    public static Plan of(String environment, List<Deployed> stacks, Buckets buckets, boolean deleteData) {
        return of(environment, stacks, List.of(), buckets, deleteData);
    }

    public static Plan of(String environment, List<Deployed> stacks, List<AccessPointRef> accessPoints, Buckets buckets,
                          boolean deleteData) {
        List<Step> steps = new ArrayList<>();
        Map<String, Value> leaves = new LinkedHashMap<>();
        Map<String, Value> middle = new LinkedHashMap<>();
        Deployed s3 = null;
        for (Deployed d : stacks) {
            if (d.component() == Component.S3) {
                s3 = d;
            } else if (d.component() != Component.NETWORK && d.component() != Component.AMI) {
                StepId id = id(environment, d);
                steps.add(new StackDeletion(id, d.stackName(), d.component(), Map.of()));
                leaves.put(id.value(), Value.outputOf(id, Deletion.DELETED));
            }
        }
        // Access points go once the notebooks that mount them are gone (they are not in any stack).
        Map<String, Value> notebooks = Ordered.copy(leaves);
        for (AccessPointRef ap : accessPoints) {
            StepId id = StepId.of("delete-" + ap.accessPointId());
            steps.add(new AccessPointDeletion(id, ap.fileSystemId(), ap.accessPointId(), ap.user(), notebooks));
        }
        for (Deployed d : stacks) {
            if (d.component() == Component.NETWORK || d.component() == Component.AMI) {
                StepId id = id(environment, d);
                steps.add(new StackDeletion(id, d.stackName(), d.component(), leaves));
                middle.put(id.value(), Value.outputOf(id, Deletion.DELETED));
            }
        }
        Map<String, Value> beforeBuckets = new LinkedHashMap<>(leaves);
        beforeBuckets.putAll(middle);
        if (s3 != null) {
            StepId id = id(environment, s3);
            steps.add(new StackDeletion(id, s3.stackName(), Component.S3, beforeBuckets));
            beforeBuckets = Map.of(id.value(), Value.outputOf(id, Deletion.DELETED));
        }
        steps.add(new BucketDeletion(StepId.of("bucket-jupyter"), buckets.jupyter(), "jupyter", deleteData, beforeBuckets));
        steps.add(new BucketDeletion(StepId.of("bucket-hail"), buckets.hail(), "hail", deleteData, beforeBuckets));
        steps.add(new BucketDeletion(StepId.of("bucket-logs"), buckets.logs(), "logs", deleteData, beforeBuckets));
        return Plan.of(steps);
    }

    /** `delete-jupyter-alice` for stack `demo-jupyter-alice`: short enough for progress columns. */
    private static StepId id(String environment, Deployed d) {
        String name = d.stackName();
        return StepId.of("delete-" + (name.startsWith(environment + "-") ? name.substring(environment.length() + 1) : name));
    }
}
