package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * A user's EFS access point, exactly as the original documented it: POSIX uid 500 / gid 501 for
 * every NFS call, root {@code /sagemaker/USER} created 500:501 with mode 750, tag {@code Name=USER}.
 * Its {@code FileSystemArn} input comes from the file-system policy step, so the policy that turns
 * IAM authorisation on is in place (and the file system known to exist) before any access point.
 *
 * @param tags every tag the access point carries ({@code Name} among them)
 */
public record AccessPointStep(StepId id, String fileSystemId, String user, Map<String, String> tags,
                              Map<String, Value> inputs) implements Step {
    public static final String ACCESS_POINT_ID = "AccessPointId";
    public static final String ACCESS_POINT_ARN = "AccessPointArn";
    /** The input naming the file system's ARN (an output of the policy step). */
    public static final String FILE_SYSTEM_ARN = "FileSystemArn";

    /** The same uid/gid for every user: the notebook's ec2-user, as in the original. */
    public static final long POSIX_UID = 500;
    public static final long POSIX_GID = 501;
    /** Owner rwx, group r-x, others nothing: the EMR side reads through the group, other users see nothing. */
    public static final String ROOT_PERMISSIONS = "750";
    public static final String ROOT_PARENT = "/sagemaker/";

    public AccessPointStep {
        tags = Ordered.copy(tags);
        inputs = Ordered.copy(inputs);
    }

    /** With the one tag the original documented, {@code Name=USER}. */
    public AccessPointStep(StepId id, String fileSystemId, String user, Map<String, Value> inputs) {
        this(id, fileSystemId, user, Map.of("Name", user), inputs);
    }

    /** The directory the access point exposes as its root; user names are validated, so no path escapes. */
    public String rootPath() {
        return ROOT_PARENT + user;
    }

    @Override
    public String title() {
        return "EFS access point for " + user;
    }

    @Override
    public Component component() {
        return Component.EFS;
    }

    @Override
    public Set<String> outputs() {
        return Set.of(ACCESS_POINT_ID, ACCESS_POINT_ARN);
    }
}
