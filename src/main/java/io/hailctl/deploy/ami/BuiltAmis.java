package io.hailctl.deploy.ami;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.plan.AmiStep;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * `ami.source: build`: AMIs made by the environment's CodeBuild project.
 *
 * <p>Apply: an available AMI tagged with the same {@link BuildKey} is reused (no build); else a
 * running build of the same key is attached to; else a build is started with the key's versions as
 * environment overrides and followed to its end. The AMI is then found through what the build
 * publishes — the AMI tagged {@code hailctl:build-id = <build id>} — never by reading the log; the
 * build also records it in SSM ({@code /hail/ENV/ami/latest}).
 *
 * <p>Read (a partial deploy, e.g. `deploy emr`): the matching AMI, else the recorded latest one
 * (with a note of how it differs), else a refusal; never a build. Preview: says which of these
 * would happen, writing nothing.
 */
public final class BuiltAmis {
    /** How many recent builds to look through for a running one of the same key. */
    static final int RECENT_BUILDS = 20;

    private final AmiBuilds builds;
    private final Images images;
    private final Parameters parameters;
    private final BuildWatcher watcher;
    private final BuildPolicy policy;

    public BuiltAmis(AmiBuilds builds, Images images, Parameters parameters, BuildLogs logs, BuildPolicy policy) {
        this.builds = builds;
        this.images = images;
        this.parameters = parameters;
        this.watcher = new BuildWatcher(builds, logs);
        this.policy = policy;
    }

    public static BuildKey key(AmiStep step, Inputs inputs) {
        return new BuildKey(inputs.get(AmiStep.ENVIRONMENT), step.hailVersion(), step.vepVersion(), step.releaseLabel(),
                inputs.get(AmiStep.BUNDLE_SHA256));
    }

    public StepOutcome apply(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        BuildKey key = key(step, inputs);
        String project = inputs.get(AmiStep.BUILD_PROJECT);
        BuildPolicy.Start start = policy.start();
        Build build = null;
        boolean startedHere = false;
        if (start instanceof BuildPolicy.AttachTo to) {
            ctx.budget().acquire();
            build = builds.build(to.buildId()).orElseThrow(() -> new StepFailedException(ExitCode.USAGE,
                    "--attach " + to.buildId() + ": no such build in CodeBuild", "List the builds: aws codebuild "
                    + "list-builds-for-project --project-name " + project));
            if (!build.project().equals(project)) {
                throw new StepFailedException(ExitCode.USAGE, "--attach " + to.buildId() + " is a build of project "
                        + build.project() + ", not of this environment's " + project, null);
            }
        } else if (start instanceof BuildPolicy.AttachLatest) {
            ctx.budget().acquire();
            List<String> ids = builds.recentBuildIds(project, 1);
            if (ids.isEmpty()) {
                throw new StepFailedException(ExitCode.REFUSED, "project " + project + " has no builds to attach to",
                        "Start one: hailctl build-ami");
            }
            ctx.budget().acquire();
            build = builds.build(ids.get(0)).orElseThrow(() -> new StepFailedException(ExitCode.FAILED,
                    "build " + ids.get(0) + " is listed for " + project + " but cannot be read", null));
        } else if (start instanceof BuildPolicy.Reuse) {
            Optional<Images.Image> existing = matching(key, ctx);
            if (existing.isPresent()) {
                Images.Image ami = existing.get();
                return new StepOutcome(Change.UNCHANGED, outputs(ami.id(), ami.tag(BuildKey.TAG_BUILD_ID)),
                        List.of(ami.id() + " already built for " + key.describe() + " (" + ami.name() + "): no new build",
                                "hailctl build-ami --rebuild builds it again"));
            }
            Optional<Build> running = running(project, key, ctx);
            if (running.isPresent()) {
                build = running.get();
                ctx.note("build " + build.id() + " for the same versions is already running: attaching to it");
            }
        }
        if (build == null) {
            ctx.budget().acquire();
            build = builds.start(project, key.overrides());
            startedHere = true;
            ctx.activity("build " + build.id(), "STARTED", Optional.of(key.describe()));
        } else {
            ctx.activity("build " + build.id(), "ATTACHED", Optional.of(build.status().name()));
        }
        boolean finishedBefore = !startedHere && build.status().finished();
        if (!policy.waitForBuild()) {
            return new StepOutcome(Change.STARTED, outputs("", build.id()),
                    List.of("build " + build.id() + (startedHere ? " started" : " is " + build.status()),
                            "Follow it with: hailctl build-ami --attach " + build.id() + " --follow"));
        }
        Build done = watcher.await(build, policy.followLog(), ctx);
        Images.Image ami = published(done, ctx);
        // Which bundle the AMI was made from: the one this run started it with, or what the build says.
        Optional<String> bundle = startedHere ? Optional.of(key.bundleSha256())
                : Optional.ofNullable(done.environment().get(BuildKey.ENV_BUNDLE));
        if (bundle.isPresent() && !bundle.get().equals(ami.tag(BuildKey.TAG_BUNDLE))) {
            ctx.budget().acquire();
            images.tag(ami.id(), Map.of(BuildKey.TAG_BUNDLE, bundle.get()));
        }
        List<String> details = new ArrayList<>();
        details.add(ami.id() + " (" + ami.name() + ") built by " + done.id() + " for "
                + BuildKey.versions(ami.tag(BuildKey.TAG_HAIL), ami.tag(BuildKey.TAG_VEP), ami.tag(BuildKey.TAG_EMR)));
        inputs.known(AmiStep.AMI_PARAMETER).ifPresent(p -> details.add("recorded in SSM " + p));
        return new StepOutcome(finishedBefore ? Change.UNCHANGED : Change.CREATED, outputs(ami.id(), done.id()), details);
    }

    public StepOutcome read(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        BuildKey key = key(step, inputs);
        Optional<Images.Image> match = matching(key, ctx);
        if (match.isPresent()) {
            Images.Image ami = match.get();
            return new StepOutcome(Change.READ, outputs(ami.id(), ami.tag(BuildKey.TAG_BUILD_ID)),
                    List.of(ami.id() + " built for " + key.describe()));
        }
        String parameter = inputs.get(AmiStep.AMI_PARAMETER);
        Optional<Images.Image> latest = recorded(parameter, ctx);
        if (latest.isEmpty()) {
            throw new StepFailedException(ExitCode.REFUSED, "ami.source = build: no AMI has been built for environment "
                    + key.environment() + " yet (SSM " + parameter + " is not set)",
                    "Build one first: hailctl build-ami (or hailctl deploy ami).");
        }
        Images.Image ami = latest.get();
        return new StepOutcome(Change.READ, outputs(ami.id(), ami.tag(BuildKey.TAG_BUILD_ID)), List.of(
                "no AMI built for " + key.describe() + " yet: using the latest built one, " + ami.id() + " ("
                        + BuildKey.versions(ami.tag(BuildKey.TAG_HAIL), ami.tag(BuildKey.TAG_VEP), ami.tag(BuildKey.TAG_EMR))
                        + ", from SSM " + parameter + ")",
                "hailctl deploy ami (or build-ami) builds a matching one"));
    }

    public StepOutcome preview(AmiStep step, Inputs inputs, StepContext ctx) throws InterruptedException {
        if (inputs.known(AmiStep.BUNDLE_SHA256).isEmpty()) {
            return new StepOutcome(Change.WOULD_CREATE, Map.of(), List.of("would build an AMI once its inputs exist"));
        }
        BuildKey key = key(step, inputs);
        Optional<Images.Image> match = matching(key, ctx);
        if (match.isPresent()) {
            return new StepOutcome(Change.UNCHANGED, outputs(match.get().id(), match.get().tag(BuildKey.TAG_BUILD_ID)),
                    List.of(match.get().id() + " already built for " + key.describe()));
        }
        Optional<String> project = inputs.known(AmiStep.BUILD_PROJECT);
        if (project.isPresent()) {
            Optional<Build> running = running(project.get(), key, ctx);
            if (running.isPresent()) {
                return new StepOutcome(Change.WOULD_CREATE, Map.of(),
                        List.of("would attach to build " + running.get().id() + " (running, same versions)"));
            }
        }
        return new StepOutcome(Change.WOULD_CREATE, Map.of(), List.of("would build an AMI for " + key.describe()
                + " with CodeBuild and Packer (about half an hour; over an hour with VEP)"));
    }

    /** The newest available AMI this account built for {@code key}. */
    public Optional<Images.Image> matching(BuildKey key) {
        return images.ownedWithTags(key.imageTags()).stream().filter(Images.Image::available).findFirst();
    }

    private Optional<Images.Image> matching(BuildKey key, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        return matching(key);
    }

    /** AMIs built by the environment, newest first (for `hailctl amis`). */
    public List<Images.Image> inEnvironment(String environment) {
        return images.ownedWithTags(Map.of(BuildKey.TAG_ENVIRONMENT, environment));
    }

    /** The AMI recorded in {@code parameter} by the last successful build, if it still exists. */
    public Optional<Images.Image> recorded(String parameter) {
        return parameters.get(parameter).flatMap(images::image);
    }

    private Optional<Images.Image> recorded(String parameter, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        Optional<String> id = parameters.get(parameter);
        if (id.isEmpty()) {
            return Optional.empty();
        }
        ctx.budget().acquire();
        return images.image(id.get());
    }

    /** The SSM parameter the buildspec records the newest AMI in (hail-ami.yml output AmiParameterName). */
    public static String latestParameter(String environment) {
        return "/hail/" + environment + "/ami/latest";
    }

    private Optional<Build> running(String project, BuildKey key, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        List<String> ids = builds.recentBuildIds(project, RECENT_BUILDS);
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        ctx.budget().acquire();
        return builds.builds(ids).stream()
                .filter(b -> b.status() == BuildStatus.IN_PROGRESS && key.builtBy(b))
                .max(Comparator.comparing(b -> b.startTime().orElse(Instant.EPOCH)));
    }

    private Images.Image published(Build done, StepContext ctx) throws InterruptedException {
        ctx.budget().acquire();
        List<Images.Image> found = images.ownedWithTags(Map.of(BuildKey.TAG_BUILD_ID, done.id()));
        if (found.isEmpty()) {
            throw new StepFailedException(ExitCode.FAILED, "build " + done.id() + " SUCCEEDED but no AMI tagged "
                    + BuildKey.TAG_BUILD_ID + "=" + done.id() + " exists in this account and region",
                    "The build's post_build phase (packer/scripts/publish-ami.sh) tags the AMI: check its log"
                            + done.logs().map(l -> ": aws logs tail " + l.group() + " --log-stream-names " + l.stream())
                            .orElse("."));
        }
        return found.get(0);
    }

    private static Map<String, String> outputs(String amiId, String buildId) {
        Map<String, String> out = new LinkedHashMap<>();
        out.put(AmiStep.AMI_ID, amiId);
        out.put(AmiStep.BUILD_ID, buildId);
        return out;
    }
}
