package io.hailctl.deploy.status;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.seed.SeedDiff;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.deploy.stack.Fingerprint;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.StackStatus;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.deploy.stack.Templates;
import io.hailctl.deploy.status.EnvironmentStatus.AmiView;
import io.hailctl.deploy.status.EnvironmentStatus.BuildView;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.Drift;
import io.hailctl.deploy.status.EnvironmentStatus.GroupView;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.SeedView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.Component;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.progress.ProgressSink;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads one environment's status in two parallel rounds: (1) the network and every stack
 * (expected ones and any other {@code ENV-*} stack), (2) what the stacks point at — notebooks,
 * clusters, AMI builds, seeded content — plus what the non-stack steps resolve to. Drift reuses the
 * engine's input resolution ({@link Inputs#resolve}) and {@link Fingerprint}, so "up to date" means
 * exactly "deploy would leave this stack alone". Writes nothing.
 */
public final class StatusReader {

    private final Stacks stacks;
    private final StackDrift drift;
    private final Notebooks notebooks;
    private final Clusters clusters;
    private final AmiBuilds amiBuilds;
    private final SeedSync seed;
    private final Supplier<SeedSource> seedSource;
    private final StepReads stepReads;
    private final Clock clock;
    private final int parallelism;

    public StatusReader(Stacks stacks, Templates templates, Notebooks notebooks, Clusters clusters, AmiBuilds amiBuilds,
                        SeedSync seed, Supplier<SeedSource> seedSource, List<StepRunner<?>> runners, Clock clock,
                        int parallelism) {
        this.stacks = stacks;
        this.drift = new StackDrift(templates);
        this.notebooks = notebooks;
        this.clusters = clusters;
        this.amiBuilds = amiBuilds;
        this.seed = seed;
        this.seedSource = seedSource;
        this.stepReads = new StepReads(runners, clock);
        this.clock = clock;
        this.parallelism = parallelism;
    }

    /** @param network resolves the configured network (an EC2 read); its failure only makes drift unknown */
    public EnvironmentStatus read(HailctlConfig config, String region, Supplier<NetworkFacts> network)
            throws InterruptedException {
        Instant start = clock.instant();
        String env = config.environment();
        List<String> problems = new ArrayList<>();
        try (ParallelReads pool = new ParallelReads(parallelism)) {
            // Round 1: the network and every stack.
            Pending<NetworkFacts> networkF = pool.start(network::get);
            StackCensus census = StackCensus.take(stacks, pool, config);
            Optional<NetworkFacts> facts = Optional.empty();
            Optional<String> networkProblem = Optional.empty();
            try {
                facts = Optional.of(networkF.await());
            } catch (HailctlException e) {
                networkProblem = Optional.of(e.getMessage());
                problems.add("network: " + e.getMessage());
            }
            Plan plan = facts.map(f -> Topology.plan(config, f)).orElse(census.planWithoutNetwork());
            Map<StepId, Map<String, String>> outputs = census.outputs(plan);

            // Round 2: everything the stacks point at, and the non-stack steps that feed stacks.
            StepReads.Started steps = stepReads.start(pool, plan, outputs);
            FoundStacks found = census.awaitOthers();
            Map<String, Optional<StackState>> all = found.byName();
            NotebookStatus notebookStatus = NotebookStatus.start(notebooks, pool, found, config.userNames());
            ClusterStatus clusterStatus = ClusterStatus.start(clusters, pool, found, config.emr().name());
            Optional<StackState> amiStack = all.getOrDefault(Topology.amiStackName(env), Optional.empty());
            String project = amiStack.map(s -> s.outputs().get("BuildProjectName")).filter(v -> !v.isEmpty())
                    .orElse(env + "-hail-ami");
            String parameter = amiStack.map(s -> s.outputs().get("AmiParameterName")).filter(v -> !v.isEmpty())
                    .orElse("/hail/" + env + "/ami/latest");
            // The build project and the parameter it publishes to come with the ami stack: without it there is none.
            Pending<Optional<AmiBuilds.Build>> buildF = amiStack.isEmpty() ? Pending.answered(Optional.empty())
                    : pool.start(() -> amiBuilds.lastBuild(project));
            Pending<Optional<String>> publishedF = amiStack.isEmpty() ? Pending.answered(Optional.empty())
                    : pool.start(() -> amiBuilds.parameter(parameter));
            Optional<String> bucket = found.get(Topology.s3StackName(env))
                    .filter(s -> s.category() == StackStatus.Category.SETTLED)
                    .map(s -> s.outputs().get("JupyterBucket")).filter(v -> !v.isEmpty());
            SeedSource source = seedSource.get();
            Pending<SeedDiff> seedF = bucket.isPresent() && !source.files().isEmpty()
                    ? pool.start(() -> seed.diff(bucket.get(), source, false)) : null;

            // Gather.
            StepReads.Results stepResults = steps.await();
            outputs.putAll(stepResults.outputs());

            List<StackView> stackViews = drift.views(plan, found, outputs, networkProblem);

            List<NotebookView> notebookViews = notebookStatus.views(problems);
            List<ClusterView> clusterViews = clusterStatus.views(problems);

            AmiView ami = amiView(config, plan, stepResults.outcomes(), stepResults.problems(), clusterStatus.amiInUse(),
                    project, buildF, publishedF, problems);
            SeedView seedView = seedView(bucket, found.get(Topology.s3StackName(env)), source, seedF, problems);
            return new EnvironmentStatus(env, region, start, Duration.between(start, clock.instant()), stackViews,
                    notebookViews, clusterViews, ami, seedView, problems);
        }
    }

    private AmiView amiView(HailctlConfig config, Plan plan, Map<StepId, StepOutcome> outcomes, Map<StepId, String> readProblems,
                            Optional<String> inUse, String project,
                            Pending<Optional<AmiBuilds.Build>> buildF, Pending<Optional<String>> publishedF,
                            List<String> problems) throws InterruptedException {
        AmiSource source = config.ami().source();
        Optional<String> resolved = Optional.empty();
        Optional<String> detail = Optional.empty();
        Optional<String> problem = Optional.empty();
        StepOutcome o = outcomes.get(Topology.AMI);
        if (o != null) {
            resolved = Optional.ofNullable(o.outputs().get(AmiStep.AMI_ID));
            detail = o.details().isEmpty() ? Optional.empty() : Optional.of(String.join("; ", o.details()));
        } else if (readProblems.containsKey(Topology.AMI)) {
            problem = Optional.of(readProblems.get(Topology.AMI));
        } else if (plan.step(Topology.AMI).isPresent()) {
            problem = Optional.of("no way to resolve ami.source = " + source.yamlValue() + " in this version");
        }
        Optional<BuildView> build = Optional.empty();
        try {
            build = buildF.await().map(b -> new BuildView(project, b.id(), b.status(), b.phase(), b.started(), b.ended()));
        } catch (HailctlException e) {
            problems.add("AMI build: " + e.getMessage());
        }
        Optional<String> published = Optional.empty();
        try {
            published = publishedF.await();
        } catch (HailctlException e) {
            problems.add("AMI parameter: " + e.getMessage());
        }
        return new AmiView(source.yamlValue(), resolved, detail, inUse, published, build, problem);
    }

    private SeedView seedView(Optional<String> bucket, Optional<StackState> s3, SeedSource source, Pending<SeedDiff> f,
                              List<String> problems) throws InterruptedException {
        int files = source.files().size();
        if (bucket.isEmpty()) {
            return new SeedView(EnvironmentStatus.NOT_DEPLOYED, Optional.empty(), files, 0, 0, Optional.empty());
        }
        if (f == null) {
            return new SeedView("nothing to seed", bucket, 0, 0, 0, Optional.of("this build bundles no jupyter/ content"));
        }
        try {
            SeedDiff d = f.await();
            return new SeedView(d.inSync() ? "up to date" : "changes pending", bucket, files, d.uploads().size(),
                    d.keptExtras().size(), Optional.empty());
        } catch (HailctlException e) {
            problems.add("seed: " + e.getMessage());
            return new SeedView("unknown", bucket, files, 0, 0, Optional.of(e.getMessage()));
        }
    }
}
