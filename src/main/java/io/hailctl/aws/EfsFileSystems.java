package io.hailctl.aws;

import io.hailctl.deploy.efs.FileSystems;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.efs.EfsClient;
import software.amazon.awssdk.services.efs.model.AccessPointDescription;
import software.amazon.awssdk.services.efs.model.AccessPointNotFoundException;
import software.amazon.awssdk.services.efs.model.CreateAccessPointResponse;
import software.amazon.awssdk.services.efs.model.FileSystemDescription;
import software.amazon.awssdk.services.efs.model.FileSystemNotFoundException;
import software.amazon.awssdk.services.efs.model.PolicyNotFoundException;
import software.amazon.awssdk.services.efs.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link FileSystems} on Amazon EFS. */
public final class EfsFileSystems implements FileSystems {
    private final Supplier<EfsClient> efs;

    public EfsFileSystems(EfsClient efs) {
        this(() -> efs);
    }

    /** With the client built on first use: a command that never calls Efs never loads its SDK client. */
    public EfsFileSystems(Supplier<EfsClient> efs) {
        this.efs = efs;
    }

    @Override
    public Optional<FileSystem> describe(String fileSystemId) {
        try {
            List<FileSystemDescription> found = efs().describeFileSystems(b -> b.fileSystemId(fileSystemId)).fileSystems();
            return found.stream().findFirst().map(f -> new FileSystem(f.fileSystemId(), f.fileSystemArn(),
                    f.lifeCycleStateAsString()));
        } catch (FileSystemNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public Optional<String> policy(String fileSystemId) {
        try {
            return Optional.ofNullable(efs().describeFileSystemPolicy(b -> b.fileSystemId(fileSystemId)).policy());
        } catch (PolicyNotFoundException e) {
            // EFS's answer while its default policy (anonymous access) is in effect.
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void putPolicy(String fileSystemId, String policyJson) {
        AwsCalls.run(() -> efs().putFileSystemPolicy(b -> b.fileSystemId(fileSystemId).policy(policyJson)));
    }

    @Override
    public List<AccessPoint> accessPoints(String fileSystemId) {
        return AwsCalls.call(() -> {
            List<AccessPoint> out = new ArrayList<>();
            efs().describeAccessPointsPaginator(b -> b.fileSystemId(fileSystemId)).accessPoints()
                    .forEach(a -> out.add(accessPoint(a)));
            return out;
        });
    }

    @Override
    public Optional<AccessPoint> accessPoint(String accessPointId) {
        try {
            return efs().describeAccessPoints(b -> b.accessPointId(accessPointId)).accessPoints().stream()
                    .findFirst().map(EfsFileSystems::accessPoint);
        } catch (AccessPointNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public AccessPoint create(AccessPointRequest r) {
        List<Tag> tags = new ArrayList<>();
        r.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        CreateAccessPointResponse created = AwsCalls.call(() -> efs().createAccessPoint(b -> b
                .clientToken(r.clientToken())
                .fileSystemId(r.fileSystemId())
                .posixUser(p -> p.uid(r.posixUser().uid()).gid(r.posixUser().gid())
                        .secondaryGids(r.posixUser().secondaryGids().isEmpty() ? null : r.posixUser().secondaryGids()))
                .rootDirectory(d -> d.path(r.rootPath()).creationInfo(c -> c
                        .ownerUid(r.creationInfo().ownerUid())
                        .ownerGid(r.creationInfo().ownerGid())
                        .permissions(r.creationInfo().permissions())))
                .tags(tags)));
        return new AccessPoint(created.accessPointId(), created.accessPointArn(), created.fileSystemId(),
                Optional.ofNullable(created.posixUser()).map(p -> new PosixUser(p.uid(), p.gid(), p.secondaryGids())),
                created.rootDirectory() == null || created.rootDirectory().path() == null ? "/"
                        : created.rootDirectory().path(),
                Optional.ofNullable(created.rootDirectory()).map(d -> d.creationInfo())
                        .map(c -> new CreationInfo(c.ownerUid(), c.ownerGid(), c.permissions())),
                tags(created.tags()), state(created.lifeCycleStateAsString()));
    }

    @Override
    public boolean delete(String accessPointId) {
        try {
            efs().deleteAccessPoint(b -> b.accessPointId(accessPointId));
            return true;
        } catch (AccessPointNotFoundException e) {
            return false;
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private static AccessPoint accessPoint(AccessPointDescription a) {
        return new AccessPoint(a.accessPointId(), a.accessPointArn(), a.fileSystemId(),
                Optional.ofNullable(a.posixUser()).map(p -> new PosixUser(p.uid(), p.gid(), p.secondaryGids())),
                a.rootDirectory() == null || a.rootDirectory().path() == null ? "/" : a.rootDirectory().path(),
                Optional.ofNullable(a.rootDirectory()).map(d -> d.creationInfo())
                        .map(c -> new CreationInfo(c.ownerUid(), c.ownerGid(), c.permissions())),
                tags(a.tags()), state(a.lifeCycleStateAsString()));
    }

    /** EFS always sends a state; should it not, the description itself means the access point exists. */
    private static String state(String lifeCycleState) {
        return lifeCycleState == null ? "available" : lifeCycleState;
    }

    private static Map<String, String> tags(List<Tag> tags) {
        Map<String, String> out = new LinkedHashMap<>();
        if (tags != null) {
            tags.forEach(t -> out.put(t.key(), t.value()));
        }
        return out;
    }

    private EfsClient efs() {
        return efs.get();
    }
}
