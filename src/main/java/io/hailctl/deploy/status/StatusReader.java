package io.hailctl.deploy.status;

import io.hailctl.HailctlException;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.deploy.stack.Fingerprint;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.deploy.stack.Templates;
import io.hailctl.deploy.status.EnvironmentStatus.AmiView;
import io.hailctl.deploy.status.EnvironmentStatus.ClusterView;
import io.hailctl.deploy.status.EnvironmentStatus.NotebookView;
import io.hailctl.deploy.status.EnvironmentStatus.SeedView;
import io.hailctl.deploy.status.EnvironmentStatus.StackView;
import io.hailctl.deploy.status.ParallelReads.Pending;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads one environment's status in two parallel rounds: (1) the network and every stack
 * (expected ones and any other {@code ENV-*} stack), (2) what the stacks point at — notebooks,
 * clusters, AMI builds, seeded content — plus what the non-stack steps resolve to. Drift reuses the
 * engine's input resolution ({@link Inputs#resolve}) and {@link Fingerprint}, so "up to date" means
 * exactly "deploy would leave this stack alone". Writes nothing. Each part of the status is its own
 * class ({@link StackDrift}, {@link NotebookStatus}, {@link ClusterStatus}, {@link AmiStatus},
 * {@link SeedStatus}); this one decides what is read when.
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
        List<String> problems = new ArrayList<>();
        try (ParallelReads pool = new ParallelReads(parallelism)) {
            // Round 1: the network and every stack.
            Pending<NetworkFacts> networkRead = pool.start(network::get);
            StackCensus census = StackCensus.take(stacks, pool, config);
            Optional<NetworkFacts> facts = Optional.empty();
            Optional<String> networkProblem = Optional.empty();
            try {
                facts = Optional.of(networkRead.await());
            } catch (HailctlException e) {
                networkProblem = Optional.of(e.getMessage());
                problems.add("network: " + e.getMessage());
            }
            Plan plan = facts.map(f -> Topology.plan(config, f)).orElse(census.planWithoutNetwork());
            Map<StepId, Map<String, String>> outputs = census.outputs(plan);

            // Round 2: everything the stacks point at, and the non-stack steps that feed stacks.
            StepReads.Started steps = stepReads.start(pool, plan, outputs);
            FoundStacks found = census.awaitOthers();
            NotebookStatus notebookStatus = NotebookStatus.start(notebooks, pool, found, config.userNames());
            ClusterStatus clusterStatus = ClusterStatus.start(clusters, pool, found, config.clusterNames());
            AmiStatus amiStatus = AmiStatus.start(amiBuilds, pool, found);
            SeedStatus seedStatus = SeedStatus.start(seed, seedSource.get(), pool, found);

            // Gather, in the order the problems are listed.
            StepReads.Results stepResults = steps.await();
            outputs.putAll(stepResults.outputs());
            List<StackView> stackViews = drift.views(plan, found, outputs, networkProblem);
            List<NotebookView> notebookViews = notebookStatus.views(problems);
            List<ClusterView> clusterViews = clusterStatus.views(problems);
            AmiView ami = amiStatus.view(config.ami().source(), plan, stepResults, clusterStatus.amiInUse(), problems);
            SeedView seedView = seedStatus.view(problems);
            return new EnvironmentStatus(config.environment(), region, start, Duration.between(start, clock.instant()),
                    stackViews, notebookViews, clusterViews, ami, seedView, problems);
        }
    }
}
