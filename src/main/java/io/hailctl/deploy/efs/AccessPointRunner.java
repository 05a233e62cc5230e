package io.hailctl.deploy.efs;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.efs.FileSystems.AccessPoint;
import io.hailctl.deploy.efs.FileSystems.CreationInfo;
import io.hailctl.deploy.efs.FileSystems.PosixUser;
import io.hailctl.plan.AccessPointStep;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * A user's access point, exactly as documented (see {@link AccessPointStep}). Idempotent by lookup,
 * not by client token: EFS only honours a token for a short while, and the emulator not at all, so
 * before creating, the file system's access points are searched for the user's root directory and
 * {@code Name} tag. One found with the right settings is used as it is; one found with other
 * settings is refused (access points cannot be changed, and a second one for the same directory
 * would only hide the first).
 */
public final class AccessPointRunner implements StepRunner<AccessPointStep> {
    private static final String NAME_TAG = "Name";
    /** EFS makes an access point available within seconds; minutes mean something is wrong. */
    private static final Duration AVAILABLE_TIMEOUT = Duration.ofMinutes(5);

    private final FileSystems efs;
    private final FileSystemCheck check;
    private final Supplier<String> tokens;

    public AccessPointRunner(FileSystems efs, String region) {
        this(efs, region, () -> "hailctl-" + UUID.randomUUID());
    }

    public AccessPointRunner(FileSystems efs, String region, Supplier<String> tokens) {
        this.efs = efs;
        this.check = new FileSystemCheck(efs, region);
        this.tokens = tokens;
    }

    @Override
    public Class<AccessPointStep> stepType() {
        return AccessPointStep.class;
    }

    @Override
    public StepOutcome apply(AccessPointStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        check.require(step.fileSystemId(), ctx);
        Optional<AccessPoint> found = usable(step, ctx);
        if (found.isPresent()) {
            AccessPoint ap = found.get().state().equals("available") ? found.get() : awaitAvailable(found.get(), ctx);
            return outcome(Change.UNCHANGED, ap);
        }
        AccessPoint created = efs.create(new FileSystems.AccessPointRequest(step.fileSystemId(), tokens.get(),
                wantedUser(), step.rootPath(), wantedRoot(), step.tags()));
        ctx.activity(created.id(), "created for " + step.rootPath(), Optional.empty());
        return outcome(Change.CREATED, created.state().equals("available") ? created : awaitAvailable(created, ctx));
    }

    @Override
    public StepOutcome read(AccessPointStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        check.require(step.fileSystemId(), ctx);
        AccessPoint ap = usable(step, ctx).orElseThrow(() -> new StepFailedException(ExitCode.REFUSED,
                "user " + step.user() + " has no EFS access point on " + step.fileSystemId() + " yet",
                "Create it: hailctl add-user " + step.user()));
        return outcome(Change.READ, ap);
    }

    @Override
    public StepOutcome preview(AccessPointStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        check.require(step.fileSystemId(), ctx);
        Optional<AccessPoint> found = usable(step, ctx);
        if (found.isPresent()) {
            return outcome(Change.UNCHANGED, found.get());
        }
        return new StepOutcome(Change.WOULD_CREATE, Map.of(), List.of(
                "new access point on " + step.fileSystemId() + ": " + describe(wantedUser(), Optional.of(wantedRoot()))
                        + ", root " + step.rootPath() + ", tags " + step.tags()));
    }

    /**
     * Deletes the user's access points (those at the user's root directory with the user's
     * {@code Name} tag, whatever their settings). The files stay on the file system: EFS has no API
     * to delete them.
     */
    public StepOutcome remove(AccessPointStep step, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        if (efs.describe(step.fileSystemId()).isEmpty()) {
            return new StepOutcome(Change.UNCHANGED, Map.of(), List.of("file system " + step.fileSystemId()
                    + " not found: no access point to delete"));
        }
        List<AccessPoint> atPath = atRootPath(step, ctx);
        List<String> deleted = new ArrayList<>();
        List<String> details = new ArrayList<>();
        for (AccessPoint ap : atPath) {
            if (!step.user().equals(ap.tags().get(NAME_TAG))) {
                details.add("access point " + ap.id() + " also serves " + step.rootPath() + " but is not tagged "
                        + NAME_TAG + "=" + step.user() + ": left alone");
                continue;
            }
            if (efs.delete(ap.id())) {
                ctx.activity(ap.id(), "deleted", Optional.empty());
                deleted.add(ap.id());
            }
        }
        if (deleted.isEmpty()) {
            return new StepOutcome(Change.UNCHANGED, Map.of(), details);
        }
        return new StepOutcome(Change.DELETED, Map.of(AccessPointStep.ACCESS_POINT_ID, String.join(",", deleted)),
                details);
    }

    /** The user's access points (same directory, same Name tag), without deleting any. */
    public List<AccessPoint> existing(AccessPointStep step, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        if (efs.describe(step.fileSystemId()).isEmpty()) {
            return List.of();
        }
        return atRootPath(step, ctx).stream().filter(ap -> step.user().equals(ap.tags().get(NAME_TAG))).toList();
    }

    /**
     * The access point to use, if there is one. Refuses when the user's directory is served by an
     * access point with other settings, or by one without the user's Name tag.
     */
    private Optional<AccessPoint> usable(AccessPointStep step, StepContext ctx) throws InterruptedException {
        List<AccessPoint> atPath = atRootPath(step, ctx);
        List<AccessPoint> named = atPath.stream().filter(ap -> step.user().equals(ap.tags().get(NAME_TAG))).toList();
        if (named.isEmpty()) {
            if (!atPath.isEmpty()) {
                AccessPoint other = atPath.get(0);
                throw new StepFailedException(ExitCode.REFUSED, "access point " + other.id() + " already serves "
                        + step.rootPath() + " on " + step.fileSystemId() + " but is not tagged " + NAME_TAG + "="
                        + step.user() + "; hailctl does not create a second one for the same directory",
                        "If it is " + step.user() + "'s, tag it (aws efs tag-resource --resource-id " + other.id()
                                + " --tags Key=Name,Value=" + step.user() + "); otherwise delete it. Then re-run.");
            }
            return Optional.empty();
        }
        List<AccessPoint> good = named.stream().filter(ap -> problems(ap).isEmpty())
                .sorted(Comparator.comparing(AccessPoint::id)).toList();
        if (good.isEmpty()) {
            AccessPoint bad = named.get(0);
            throw new StepFailedException(ExitCode.REFUSED, "access point " + bad.id() + " (" + step.rootPath()
                    + " on " + step.fileSystemId() + ") has " + String.join(", ", problems(bad)) + "; hailctl needs "
                    + describe(wantedUser(), Optional.of(wantedRoot())),
                    "Access points cannot be changed: delete it (aws efs delete-access-point --access-point-id "
                            + bad.id() + "; the files stay), then re-run.");
        }
        if (good.size() > 1) {
            ctx.note("user " + step.user() + " has " + good.size() + " access points for " + step.rootPath() + " ("
                    + String.join(", ", good.stream().map(AccessPoint::id).toList()) + "); using " + good.get(0).id());
        }
        return Optional.of(good.get(0));
    }

    private List<AccessPoint> atRootPath(AccessPointStep step, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        return efs.accessPoints(step.fileSystemId()).stream()
                .filter(ap -> !ap.leaving() && samePath(ap.rootPath(), step.rootPath()))
                .sorted(Comparator.comparing(AccessPoint::id)).toList();
    }

    private AccessPoint awaitAvailable(AccessPoint ap, StepContext ctx) throws InterruptedException {
        Instant deadline = ctx.clock().instant().plus(AVAILABLE_TIMEOUT);
        Duration wait = Duration.ofSeconds(1);
        AccessPoint now = ap;
        while (!now.state().equals("available")) {
            if (now.state().equals("error") || now.leaving()) {
                throw new StepFailedException("access point " + ap.id() + " is " + now.state(),
                        "Delete it (aws efs delete-access-point --access-point-id " + ap.id() + ") and re-run.");
            }
            if (!ctx.clock().instant().isBefore(deadline)) {
                throw new StepFailedException("access point " + ap.id() + " is still " + now.state() + " after "
                        + AVAILABLE_TIMEOUT.toMinutes() + " min", "Re-run to check again.");
            }
            ctx.activity(ap.id(), now.state(), Optional.empty());
            ctx.pause(wait);
            wait = wait.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0 ? Duration.ofSeconds(10) : wait.multipliedBy(2);
            ctx.budget().acquire();
            now = efs.accessPoint(ap.id()).orElseThrow(() -> new StepFailedException(
                    "access point " + ap.id() + " disappeared while it was being created", "Re-run."));
        }
        return now;
    }

    /** What differs from the documented settings, for people; empty when the access point is right. */
    static List<String> problems(AccessPoint ap) {
        List<String> out = new ArrayList<>();
        if (ap.state().equals("error")) {
            out.add("state error");
        }
        if (ap.posixUser().isEmpty()) {
            out.add("no POSIX user (clients keep their own identity)");
        } else {
            PosixUser p = ap.posixUser().get();
            if (p.uid() != AccessPointStep.POSIX_UID || p.gid() != AccessPointStep.POSIX_GID
                    || !p.secondaryGids().isEmpty()) {
                out.add("POSIX user " + describe(p));
            }
        }
        if (ap.creationInfo().isEmpty()) {
            out.add("no creation settings for its root directory");
        } else {
            CreationInfo c = ap.creationInfo().get();
            if (c.ownerUid() != AccessPointStep.POSIX_UID || c.ownerGid() != AccessPointStep.POSIX_GID
                    || !sameMode(c.permissions(), AccessPointStep.ROOT_PERMISSIONS)) {
                out.add("root directory created " + c.ownerUid() + ":" + c.ownerGid() + " mode " + c.permissions());
            }
        }
        return out;
    }

    private static PosixUser wantedUser() {
        return new PosixUser(AccessPointStep.POSIX_UID, AccessPointStep.POSIX_GID, List.of());
    }

    private static CreationInfo wantedRoot() {
        return new CreationInfo(AccessPointStep.POSIX_UID, AccessPointStep.POSIX_GID, AccessPointStep.ROOT_PERMISSIONS);
    }

    private static String describe(PosixUser p) {
        return p.uid() + ":" + p.gid() + (p.secondaryGids().isEmpty() ? "" : " (secondary " + p.secondaryGids() + ")");
    }

    private static String describe(PosixUser p, Optional<CreationInfo> c) {
        return "POSIX user " + describe(p) + c.map(ci -> ", root directory created " + ci.ownerUid() + ":"
                + ci.ownerGid() + " mode " + ci.permissions()).orElse("");
    }

    private static boolean samePath(String a, String b) {
        return strip(a).equals(strip(b));
    }

    private static String strip(String path) {
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static boolean sameMode(String a, String b) {
        try {
            return Integer.parseInt(a, 8) == Integer.parseInt(b, 8);
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static StepOutcome outcome(Change change, AccessPoint ap) {
        return StepOutcome.of(change, Map.of(AccessPointStep.ACCESS_POINT_ID, ap.id(),
                AccessPointStep.ACCESS_POINT_ARN, ap.arn()));
    }
}
