package io.hailctl.deploy.efs;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The EFS port: what hailctl asks of Amazon EFS, in hailctl's records. */
public interface FileSystems {

    /** The file system, or empty when the region has none with this id. */
    Optional<FileSystem> describe(String fileSystemId);

    /** The file-system policy as JSON text; empty when none is set (EFS's default policy applies). */
    Optional<String> policy(String fileSystemId);

    void putPolicy(String fileSystemId, String policyJson);

    /** Every access point of the file system (all pages). */
    List<AccessPoint> accessPoints(String fileSystemId);

    /** The access point by id; empty when it does not exist (any more). */
    Optional<AccessPoint> accessPoint(String accessPointId);

    AccessPoint create(AccessPointRequest request);

    /** Deletes the access point (not its files); false when it was already gone. */
    boolean delete(String accessPointId);

    /** An EFS file system. {@code state}: creating, available, updating, deleting, deleted, error. */
    record FileSystem(String id, String arn, String state) {
    }

    /** The identity every NFS call through an access point runs as. */
    record PosixUser(long uid, long gid, List<Long> secondaryGids) {
        public PosixUser {
            secondaryGids = List.copyOf(secondaryGids);
        }
    }

    /** How EFS creates an access point's root directory when it does not exist yet. */
    record CreationInfo(long ownerUid, long ownerGid, String permissions) {
    }

    /** An access point as DescribeAccessPoints shows it. {@code state}: creating, available, updating, deleting, deleted, error. */
    record AccessPoint(String id, String arn, String fileSystemId, Optional<PosixUser> posixUser, String rootPath,
                       Optional<CreationInfo> creationInfo, Map<String, String> tags, String state) {
        public AccessPoint {
            tags = Map.copyOf(tags);
        }

        /** On its way out (or gone): not something to reuse, nor a reason to refuse. */
        public boolean leaving() {
            return state.equals("deleting") || state.equals("deleted");
        }
    }

    /** A CreateAccessPoint call. The client token makes the SDK's own retries of this one call safe. */
    record AccessPointRequest(String fileSystemId, String clientToken, PosixUser posixUser, String rootPath,
                              CreationInfo creationInfo, Map<String, String> tags) {
        public AccessPointRequest {
            tags = Map.copyOf(tags);
        }
    }
}
