package io.hailctl.aws;

import io.hailctl.deploy.clusters.ClusterFacts;
import io.hailctl.deploy.status.Clusters;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.GetAutoTerminationPolicyResponse;
import software.amazon.awssdk.services.emr.model.InstanceGroupType;
import software.amazon.awssdk.services.emr.model.InvalidRequestException;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@link Clusters} on EMR: DescribeCluster, ListInstanceGroups, ListInstances (master), GetAutoTerminationPolicy;
 * and {@link ClusterFacts}: ListSteps.
 */
public final class EmrClusters implements Clusters, ClusterFacts {
    private final EmrClient emr;

    public EmrClusters(EmrClient emr) {
        this.emr = emr;
    }

    @Override
    public Optional<Cluster> describe(String clusterId) {
        Optional<software.amazon.awssdk.services.emr.model.Cluster> found = describeCluster(clusterId);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        software.amazon.awssdk.services.emr.model.Cluster c = found.get();
        return AwsCalls.call(() -> {
            List<InstanceGroup> groups = new ArrayList<>();
            emr.listInstanceGroupsPaginator(b -> b.clusterId(clusterId)).instanceGroups().forEach(g -> groups.add(
                    new InstanceGroup(g.name(), g.instanceGroupTypeAsString(), g.instanceType(), g.marketAsString(),
                            g.runningInstanceCount() == null ? 0 : g.runningInstanceCount(),
                            g.requestedInstanceCount() == null ? 0 : g.requestedInstanceCount())));
            Optional<String> privateDns = emr.listInstances(b -> b.clusterId(clusterId)
                            .instanceGroupTypes(InstanceGroupType.MASTER)).instances().stream()
                    .map(i -> i.privateDnsName()).filter(d -> d != null && !d.isEmpty()).findFirst();
            return Optional.of(new Clusters.Cluster(c.id(), c.name(), c.status().stateAsString(), reason(c),
                    Optional.ofNullable(c.masterPublicDnsName()).filter(d -> !d.isEmpty()), privateDns,
                    Optional.ofNullable(c.customAmiId()).filter(a -> !a.isEmpty()),
                    c.releaseLabel() == null ? "" : c.releaseLabel(), groups, autoTermination(clusterId),
                    Optional.ofNullable(c.status().timeline()).map(t -> t.creationDateTime()),
                    c.applications().stream().map(a -> a.name() + (a.version() == null ? "" : " " + a.version())).toList()));
        });
    }

    @Override
    public List<StepSummary> lastSteps(String clusterId, int count) {
        try {
            // ListSteps answers newest first.
            return emr.listSteps(b -> b.clusterId(clusterId)).steps().stream().limit(count).map(EmrClusters::step).toList();
        } catch (InvalidRequestException e) {
            // EMR's answer to an unknown cluster id.
            return List.of();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private Optional<software.amazon.awssdk.services.emr.model.Cluster> describeCluster(String clusterId) {
        try {
            return Optional.of(emr.describeCluster(b -> b.clusterId(clusterId)).cluster());
        } catch (InvalidRequestException e) {
            // EMR's answer to an unknown cluster id.
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private static StepSummary step(software.amazon.awssdk.services.emr.model.StepSummary s) {
        Optional<String> failure = Optional.ofNullable(s.status().failureDetails())
                .map(f -> String.join(": ", java.util.stream.Stream.of(f.reason(), f.message())
                        .filter(x -> x != null && !x.isEmpty()).toList()))
                .filter(x -> !x.isEmpty());
        return new StepSummary(s.id(), s.name(), s.status().stateAsString(), failure);
    }

    private static Optional<String> reason(software.amazon.awssdk.services.emr.model.Cluster c) {
        if (c.status().stateChangeReason() == null) {
            return Optional.empty();
        }
        String code = c.status().stateChangeReason().codeAsString();
        String msg = c.status().stateChangeReason().message();
        // EMR gives a WAITING cluster a message without a code ("Cluster ready to run steps.").
        String text = String.join(": ", java.util.stream.Stream.of(code, msg).filter(x -> x != null && !x.isBlank()).toList()).trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /**
     * One attempt, no retries: a status display can fall back to the deployed stack's parameter, and
     * an endpoint that does not implement the call (the local emulator answers HTTP 500) must not
     * cost the retry back-off on every `status`.
     */
    private AutoTermination autoTermination(String clusterId) {
        try {
            GetAutoTerminationPolicyResponse r = emr.getAutoTerminationPolicy(b -> b.clusterId(clusterId)
                    .overrideConfiguration(o -> o.addPlugin(config -> config.overrideConfiguration(
                            oc -> oc.retryStrategy(AwsRetryStrategy.doNotRetry())))));
            if (r.autoTerminationPolicy() == null || r.autoTerminationPolicy().idleTimeout() == null) {
                return new AutoTermination(true, Optional.empty());
            }
            return new AutoTermination(true, Optional.of(Duration.ofSeconds(r.autoTerminationPolicy().idleTimeout())));
        } catch (AwsServiceException e) {
            return AutoTermination.unknown();
        } catch (SdkException e) {
            return AutoTermination.unknown();
        }
    }
}
