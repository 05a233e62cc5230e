package io.hailctl.aws;

import io.hailctl.local.standin.emr.EmulatorEmr;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.emr.EmrClient;
import software.amazon.awssdk.services.emr.model.InstanceGroupConfig;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

import java.util.List;
import java.util.Optional;

/**
 * The emulator's stand-in's EMR and S3 calls, made to moto directly (the stand-in's EMR gap completes
 * clusters and runs steps with them). Exists only under --local and in tests.
 */
public final class EmulatorClusters implements EmulatorEmr {
    private final EmrClient emr;
    private final S3Client s3;

    public EmulatorClusters(EmrClient emr, S3Client s3) {
        this.emr = emr;
        this.s3 = s3;
    }

    @Override
    public List<Group> groups(String clusterId) {
        return AwsCalls.call(() -> emr.listInstanceGroups(b -> b.clusterId(clusterId)).instanceGroups().stream()
                .map(g -> new Group(g.id(), g.instanceGroupTypeAsString(),
                        g.requestedInstanceCount() == null ? 0 : g.requestedInstanceCount()))
                .toList());
    }

    @Override
    public void addGroup(String clusterId, GroupSpec g) {
        AwsCalls.call(() -> emr.addInstanceGroups(b -> b.jobFlowId(clusterId).instanceGroups(InstanceGroupConfig.builder()
                .instanceRole(g.role()).name(g.name()).instanceType(g.instanceType()).instanceCount(g.count())
                .market(g.market()).build())));
    }

    @Override
    public void resize(String clusterId, String groupId, int count) {
        AwsCalls.call(() -> emr.modifyInstanceGroups(b -> b.clusterId(clusterId)
                .instanceGroups(m -> m.instanceGroupId(groupId).instanceCount(count))));
    }

    @Override
    public Optional<String> logUri(String clusterId) {
        return AwsCalls.call(() -> Optional.ofNullable(emr.describeCluster(b -> b.clusterId(clusterId)).cluster().logUri())
                .filter(u -> !u.isEmpty()));
    }

    @Override
    public Optional<byte[]> read(String bucket, String key) {
        try {
            return Optional.of(s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
        } catch (S3Exception e) {
            if (e.statusCode() == 404) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void write(String bucket, String key, byte[] content) {
        AwsCalls.call(() -> s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromBytes(content)));
    }
}
