package io.hailctl.local.standin.emr;

import java.util.List;
import java.util.Optional;

/**
 * The emulator's stand-in's own calls to moto's EMR and S3 (never through the stand-in): what the EMR
 * gap needs to complete a cluster CloudFormation made and to run its steps. Implemented in {@code aws}.
 */
public interface EmulatorEmr {
    /** One instance group as moto holds it. */
    record Group(String id, String role, int count) {
    }

    /** An instance group to add, as a template declares it. */
    record GroupSpec(String role, String name, String instanceType, int count, String market) {
    }

    List<Group> groups(String clusterId);

    void addGroup(String clusterId, GroupSpec group);

    void resize(String clusterId, String groupId, int count);

    Optional<String> logUri(String clusterId);

    /** An object of moto's S3; empty when there is none. */
    Optional<byte[]> read(String bucket, String key);

    void write(String bucket, String key, byte[] content);
}
