package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * EFS in memory. Like the emulator it ignores client tokens (every create makes a new access
 * point), so idempotency must come from hailctl's own lookup. Tests can seed access points, make
 * new ones start in "creating", and hook into creates (to fail one, or to hold two at once).
 */
public final class FakeFileSystems implements FileSystems {
    private final Map<String, FileSystem> fileSystems = new LinkedHashMap<>();
    private final Map<String, String> policies = new LinkedHashMap<>();
    private final Map<String, AccessPoint> accessPoints = new LinkedHashMap<>();
    private final List<String> writes = new ArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private volatile Consumer<AccessPointRequest> onCreate = r -> { };
    private volatile int describesUntilAvailable;

    public synchronized FileSystem addFileSystem(String id) {
        FileSystem fs = new FileSystem(id, "arn:aws:elasticfilesystem:us-east-1:123456789012:file-system/" + id,
                "available");
        fileSystems.put(id, fs);
        return fs;
    }

    public synchronized void setPolicy(String fileSystemId, String policy) {
        policies.put(fileSystemId, policy);
    }

    /** An access point made earlier (by hand, or by an older tool). */
    public synchronized AccessPoint seed(String fileSystemId, Optional<PosixUser> user, String path,
                                         Optional<CreationInfo> creation, Map<String, String> tags) {
        AccessPoint ap = new AccessPoint(nextId(), arn(), fileSystemId, user, path, creation, tags, "available");
        accessPoints.put(ap.id(), ap);
        return ap;
    }

    /** Runs before every create, on the creating thread; throw from it to make the create fail. */
    public void onCreate(Consumer<AccessPointRequest> hook) {
        this.onCreate = hook;
    }

    /** New access points are "creating" when made and for this many describe calls, then "available". */
    public void describesUntilAvailable(int n) {
        this.describesUntilAvailable = n;
    }

    public synchronized List<String> writes() {
        return List.copyOf(writes);
    }

    public synchronized List<AccessPoint> all() {
        return List.copyOf(accessPoints.values());
    }

    public synchronized Optional<String> policyOf(String fileSystemId) {
        return Optional.ofNullable(policies.get(fileSystemId));
    }

    @Override
    public synchronized Optional<FileSystem> describe(String fileSystemId) {
        return Optional.ofNullable(fileSystems.get(fileSystemId));
    }

    @Override
    public synchronized Optional<String> policy(String fileSystemId) {
        requireFileSystem(fileSystemId);
        return Optional.ofNullable(policies.get(fileSystemId));
    }

    @Override
    public synchronized void putPolicy(String fileSystemId, String policyJson) {
        requireFileSystem(fileSystemId);
        writes.add("PutFileSystemPolicy " + fileSystemId);
        policies.put(fileSystemId, policyJson);
    }

    @Override
    public synchronized List<AccessPoint> accessPoints(String fileSystemId) {
        return accessPoints.values().stream().filter(a -> a.fileSystemId().equals(fileSystemId)).toList();
    }

    @Override
    public synchronized Optional<AccessPoint> accessPoint(String accessPointId) {
        AccessPoint ap = accessPoints.get(accessPointId);
        if (ap != null && ap.state().equals("creating")) {
            if (describesUntilAvailable-- <= 0) {
                ap = new AccessPoint(ap.id(), ap.arn(), ap.fileSystemId(), ap.posixUser(), ap.rootPath(),
                        ap.creationInfo(), ap.tags(), "available");
                accessPoints.put(ap.id(), ap);
            }
        }
        return Optional.ofNullable(ap);
    }

    @Override
    public AccessPoint create(AccessPointRequest r) {
        onCreate.accept(r); // outside the lock: a hook may wait for another thread's create
        synchronized (this) {
            requireFileSystem(r.fileSystemId());
            writes.add("CreateAccessPoint " + r.rootPath());
            AccessPoint ap = new AccessPoint(nextId(), arn(), r.fileSystemId(), Optional.of(r.posixUser()), r.rootPath(),
                    Optional.of(r.creationInfo()), r.tags(), describesUntilAvailable > 0 ? "creating" : "available");
            accessPoints.put(ap.id(), ap);
            return ap;
        }
    }

    @Override
    public synchronized boolean delete(String accessPointId) {
        writes.add("DeleteAccessPoint " + accessPointId);
        return accessPoints.remove(accessPointId) != null;
    }

    private void requireFileSystem(String id) {
        if (!fileSystems.containsKey(id)) {
            throw new HailctlException(ExitCode.FAILED, "EFS: FileSystemNotFound: File system '" + id + "' does not exist.");
        }
    }

    private String nextId() {
        return String.format("fsap-%017x", ids.incrementAndGet());
    }

    private String arn() {
        return "arn:aws:elasticfilesystem:us-east-1:123456789012:access-point/" + String.format("fsap-%017x", ids.get());
    }
}
