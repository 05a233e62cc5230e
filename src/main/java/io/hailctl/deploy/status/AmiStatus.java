package io.hailctl.deploy.status;

import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.status.EnvironmentStatus.AmiView;
import io.hailctl.deploy.status.EnvironmentStatus.BuildView;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.Plan;
import io.hailctl.plan.Topology;

import java.util.List;
import java.util.Optional;

/**
 * The AMI part of the status: what ami.source resolves to now (the ami step's own read), the AMI
 * the cluster runs, and the build side — the build project's last build and the AMI id it
 * published. The build project and the parameter it publishes to come with the ami stack, so
 * without that stack they are not asked for.
 */
final class AmiStatus {
    private final String project;
    private final Pending<Optional<AmiBuilds.Build>> lastBuild;
    private final Pending<Optional<String>> published;

    private AmiStatus(String project, Pending<Optional<AmiBuilds.Build>> lastBuild, Pending<Optional<String>> published) {
        this.project = project;
        this.lastBuild = lastBuild;
        this.published = published;
    }

    /** Starts reading the last build and the published AMI id, when the ami stack exists. */
    static AmiStatus start(AmiBuilds builds, ParallelReads pool, FoundStacks found) {
        String env = found.environment();
        Optional<StackState> amiStack = found.get(Topology.amiStackName(env));
        String project = amiStack.flatMap(s -> FoundStacks.output(s, "BuildProjectName")).orElse(env + "-hail-ami");
        String parameter = amiStack.flatMap(s -> FoundStacks.output(s, "AmiParameterName"))
                .orElse("/hail/" + env + "/ami/latest");
        if (amiStack.isEmpty()) {
            return new AmiStatus(project, Pending.answered(Optional.empty()), Pending.answered(Optional.empty()));
        }
        return new AmiStatus(project, pool.start(() -> builds.lastBuild(project)), pool.start(() -> builds.parameter(parameter)));
    }

    /**
     * @param steps    the non-stack steps' reads, the ami step's among them
     * @param inUse    the AMI the configured cluster runs (see {@link ClusterStatus#amiInUse})
     * @param problems where a build or parameter that could not be read is reported
     */
    AmiView view(AmiSource source, Plan plan, StepReads.Results steps, Optional<String> inUse, List<String> problems)
            throws InterruptedException {
        Optional<String> resolved = Optional.empty();
        Optional<String> detail = Optional.empty();
        Optional<String> problem = Optional.empty();
        StepOutcome o = steps.outcomes().get(Topology.AMI);
        if (o != null) {
            resolved = Optional.ofNullable(o.outputs().get(AmiStep.AMI_ID));
            detail = o.details().isEmpty() ? Optional.empty() : Optional.of(String.join("; ", o.details()));
        } else if (steps.problems().containsKey(Topology.AMI)) {
            problem = Optional.of(steps.problems().get(Topology.AMI));
        } else if (plan.step(Topology.AMI).isPresent()) {
            problem = Optional.of("no way to resolve ami.source = " + source.yamlValue() + " in this version");
        }
        Optional<BuildView> build = Optional.empty();
        try {
            build = lastBuild.await().map(b -> new BuildView(project, b.id(), b.status(), b.phase(), b.started(), b.ended()));
        } catch (HailctlException e) {
            problems.add("AMI build: " + e.getMessage());
        }
        Optional<String> publishedAmi = Optional.empty();
        try {
            publishedAmi = published.await();
        } catch (HailctlException e) {
            problems.add("AMI parameter: " + e.getMessage());
        }
        return new AmiView(source.yamlValue(), resolved, detail, inUse, publishedAmi, build, problem);
    }
}
