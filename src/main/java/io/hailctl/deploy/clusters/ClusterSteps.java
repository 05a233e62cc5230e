package io.hailctl.deploy.clusters;

import io.hailctl.deploy.clusters.ClusterFacts.StepSummary;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The EMR and S3 port of `cluster submit` and `cluster logs`. */
public interface ClusterSteps {

    /** Adds a {@code command-runner.jar} step that continues the cluster when it fails; returns the step id. */
    String addStep(String clusterId, String name, List<String> args);

    /** Empty when EMR does not know the step. */
    Optional<StepSummary> step(String clusterId, String stepId);

    /** The EC2 instance id of the master node; empty while it has none. */
    Optional<String> masterInstanceId(String clusterId);

    /** The cluster's log location as EMR reports it ({@code s3://BUCKET/PREFIX/}); empty without one. */
    Optional<String> logUri(String clusterId);

    void upload(String bucket, String key, Path file);

    /** An object's bytes; empty when there is no such object (yet). */
    Optional<byte[]> read(String bucket, String key);
}
