package io.hailctl.aws;

import io.hailctl.deploy.clusters.ClusterFacts.StepSummary;
import io.hailctl.deploy.clusters.ClusterSteps;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.ActionOnFailure;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/** {@link ClusterSteps} on EMR (AddJobFlowSteps, DescribeStep, DescribeCluster's LogUri) and S3. */
public final class EmrSteps implements ClusterSteps {
    private final EmrClient emr;
    private final S3Client s3;

    public EmrSteps(EmrClient emr, S3Client s3) {
        this.emr = emr;
        this.s3 = s3;
    }

    @Override
    public String addStep(String clusterId, String name, List<String> args) {
        return AwsCalls.call(() -> emr.addJobFlowSteps(b -> b.jobFlowId(clusterId).steps(s -> s.name(name)
                .actionOnFailure(ActionOnFailure.CONTINUE)
                .hadoopJarStep(j -> j.jar("command-runner.jar").args(args)))).stepIds().get(0));
    }

    @Override
    public Optional<StepSummary> step(String clusterId, String stepId) {
        software.amazon.awssdk.services.emr.model.Step s;
        try {
            s = emr.describeStep(b -> b.clusterId(clusterId).stepId(stepId)).step();
        } catch (InvalidRequestException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
        Optional<String> failure = Optional.ofNullable(s.status().failureDetails())
                .map(f -> String.join(": ", Stream.of(f.reason(), f.message()).filter(x -> x != null && !x.isEmpty()).toList()))
                .filter(x -> !x.isEmpty())
                .or(() -> Optional.ofNullable(s.status().stateChangeReason()).map(r -> r.message()).filter(m -> m != null && !m.isEmpty()));
        return Optional.of(new StepSummary(s.id(), s.name(), s.status().stateAsString(), failure));
    }

    @Override
    public Optional<String> masterInstanceId(String clusterId) {
        return AwsCalls.call(() -> emr.listInstances(b -> b.clusterId(clusterId)
                        .instanceGroupTypes(software.amazon.awssdk.services.emr.model.InstanceGroupType.MASTER))
                .instances().stream().map(i -> i.ec2InstanceId()).filter(i -> i != null && !i.isEmpty()).findFirst());
    }

    @Override
    public Optional<String> logUri(String clusterId) {
        return AwsCalls.call(() -> Optional.ofNullable(emr.describeCluster(b -> b.clusterId(clusterId)).cluster().logUri())
                .filter(u -> !u.isEmpty()));
    }

    @Override
    public void upload(String bucket, String key, Path file) {
        AwsCalls.call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromFile(file)));
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
