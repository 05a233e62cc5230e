package io.hailctl.deploy.users;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.UserNames;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.efs.AccessPointRunner;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.deploy.teardown.StackDeletionRunner;
import io.hailctl.plan.AccessPointStep;
import io.hailctl.plan.Component;
import io.hailctl.plan.StackDeletion;
import io.hailctl.plan.StepId;
import io.hailctl.progress.ProgressEvent;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Removes users, several at once: per user, the notebook stack first (the notebook mounts the
 * access point), then the EFS access point, then, only when asked, every version of every object
 * under the user's prefix of the Jupyter bucket. A user's later parts wait for the earlier ones; a
 * failure stops only that user. Files on EFS are never deleted: EFS has no API for files.
 */
public final class UserRemoval {
    private final Stacks stacks;
    private final StackDeletionRunner deleter;
    private final AccessPointRunner accessPoints;
    private final BucketPrefixes prefixes;

    public UserRemoval(Stacks stacks, StackDeletionRunner deleter, AccessPointRunner accessPoints,
                       BucketPrefixes prefixes) {
        this.stacks = stacks;
        this.deleter = deleter;
        this.accessPoints = accessPoints;
        this.prefixes = prefixes;
    }

    /**
     * What to remove for one user.
     *
     * @param accessPoint the user's access point step, when EFS is configured
     * @param dataBucket  the Jupyter bucket, only when the user's files are to be deleted
     */
    public record Target(String user, String stackName, Optional<AccessPointStep> accessPoint,
                         Optional<String> dataBucket) {
        public Target {
            // The prefix is derived from the name: a name that breaks the rule could widen it.
            UserNames.violation(user).ifPresent(rule -> {
                throw new IllegalArgumentException("user name '" + user + "': " + rule);
            });
        }

        public String prefix() {
            return user + "/";
        }
    }

    /** What exists for a user now (read-only), to show before asking. */
    public record Found(Target target, Optional<String> stackStatus, List<String> accessPointIds,
                        Optional<Long> objectVersions) {
        public Found {
            accessPointIds = List.copyOf(accessPointIds);
        }

        public boolean anything() {
            return stackStatus.isPresent() || !accessPointIds.isEmpty() || objectVersions.filter(n -> n > 0).isPresent();
        }
    }

    /** How removing one user ended: what was done, in order, and the failure that stopped it. */
    public record Result(String user, List<String> done, Optional<HailctlException> failure) {
        public Result {
            done = List.copyOf(done);
        }

        public boolean ok() {
            return failure.isEmpty();
        }
    }

    public Found survey(Target t, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<String> status = stacks.describe(t.stackName()).map(StackState::status);
        List<String> aps = new ArrayList<>();
        if (t.accessPoint().isPresent()) {
            accessPoints.existing(t.accessPoint().get(), ctx).forEach(ap -> aps.add(ap.id()));
        }
        Optional<Long> versions = Optional.empty();
        if (t.dataBucket().isPresent()) {
            String bucket = t.dataBucket().get();
            versions = Optional.of(prefixes.exists(bucket) ? (long) prefixes.versions(bucket, t.prefix()).size() : 0L);
        }
        return new Found(t, status, aps, versions);
    }

    /** Removes every target, up to {@code parallelism} users at a time; results in the targets' order. */
    public List<Result> removeAll(List<Target> targets, StepContext ctx, int parallelism) throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallelism, targets.size())), r -> {
            Thread t = new Thread(r, "hailctl-remove-user");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (Target t : targets) {
                futures.add(pool.submit(() -> remove(t, ctx)));
            }
            List<Result> results = new ArrayList<>();
            for (int i = 0; i < targets.size(); i++) {
                try {
                    results.add(futures.get(i).get());
                } catch (ExecutionException e) {
                    results.add(new Result(targets.get(i).user(), List.of(), Optional.of(new HailctlException(
                            ExitCode.INTERNAL, "internal error removing " + targets.get(i).user() + ": " + e.getCause(),
                            "This is a bug in hailctl; re-run with -v and report it.", e.getCause()))));
                }
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Removes one user's parts in order; stops at the first failure. */
    public Result remove(Target t, StepContext ctx) throws InterruptedException {
        List<String> done = new ArrayList<>();
        StepContext part = ctx.forStep("jupyter-" + t.user());
        String title = "notebook for " + t.user();
        Instant start = started(part, title);
        try {
            // The same runner destroy uses: waits for a running operation, deletes, waits until gone.
            Change stack = deleter.apply(new StackDeletion(StepId.of(part.step()), t.stackName(), Component.JUPYTER,
                    java.util.Map.of()), Inputs.resolved(java.util.Map.of()), part).change();
            done.add(stack == Change.DELETED ? "notebook stack " + t.stackName() + " deleted"
                    : "no notebook stack " + t.stackName());
            finished(part, title, stack, start);

            if (t.accessPoint().isPresent()) {
                AccessPointStep step = t.accessPoint().get();
                part = ctx.forStep(step.id().value());
                title = step.title();
                start = started(part, title);
                StepOutcome removed = accessPoints.remove(step, part);
                done.add(removed.change() == Change.DELETED
                        ? "EFS access point " + removed.outputs().get(AccessPointStep.ACCESS_POINT_ID) + " deleted"
                        : "no EFS access point for " + step.rootPath());
                for (String d : removed.details()) {
                    part.note(t.user() + ": " + d);
                }
                finished(part, title, removed.change(), start);
            }

            if (t.dataBucket().isPresent()) {
                String bucket = t.dataBucket().get();
                part = ctx.forStep("data-" + t.user());
                title = "S3 files of " + t.user();
                start = started(part, title);
                part.budget().acquire();
                List<BucketPrefixes.ObjectVersion> versions = prefixes.exists(bucket)
                        ? prefixes.versions(bucket, t.prefix()) : List.of();
                if (!versions.isEmpty()) {
                    part.activity("s3://" + bucket + "/" + t.prefix(), "deleting " + versions.size()
                            + " object versions", Optional.empty());
                    prefixes.delete(bucket, versions);
                }
                done.add(versions.size() + " object versions deleted from s3://" + bucket + "/" + t.prefix());
                finished(part, title, versions.isEmpty() ? Change.UNCHANGED : Change.DELETED, start);
            }
            return new Result(t.user(), done, Optional.empty());
        } catch (Cancellation.Detached e) {
            return new Result(t.user(), done, Optional.of(new HailctlException(ExitCode.INTERRUPTED,
                    "interrupted while removing " + t.user())));
        } catch (HailctlException e) {
            Instant now = part.clock().instant();
            part.progress().emit(new ProgressEvent.StepFailed(now, part.step(), title, e.getMessage(),
                    Duration.between(start, now), e.hint()));
            return new Result(t.user(), done, Optional.of(e));
        }
    }

    private static Instant started(StepContext ctx, String title) {
        Instant at = ctx.clock().instant();
        ctx.progress().emit(new ProgressEvent.StepStarted(at, ctx.step(), title, "deleting"));
        return at;
    }

    private static void finished(StepContext ctx, String title, Change change, Instant start) {
        Instant now = ctx.clock().instant();
        ctx.progress().emit(new ProgressEvent.StepFinished(now, ctx.step(), title,
                change == Change.UNCHANGED ? "nothing to delete" : change.words(), Duration.between(start, now),
                java.util.Map.of(), Optional.empty()));
    }
}
