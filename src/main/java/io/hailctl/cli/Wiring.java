package io.hailctl.cli;

import io.hailctl.aws.CloudFormationStacks;
import io.hailctl.aws.CloudWatchBuildLogs;
import io.hailctl.aws.CodeBuildBuilds;
import io.hailctl.aws.Ec2Images;
import io.hailctl.aws.Ec2Lookups;
import io.hailctl.aws.Ec2SubnetTags;
import io.hailctl.aws.SubnetTagsSeen;
import io.hailctl.aws.EfsFileSystems;
import io.hailctl.aws.S3BucketEraser;
import io.hailctl.aws.S3BucketProbe;
import io.hailctl.aws.S3Prefixes;
import io.hailctl.aws.SageMakerSignIn;
import io.hailctl.aws.S3BundleStore;
import io.hailctl.aws.SsmParameters;
import io.hailctl.bundle.Bundle;
import io.hailctl.bundle.PackerBundle;
import io.hailctl.deploy.CallBudget;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.Sleeper;
import io.hailctl.deploy.StepRunner;
import io.hailctl.deploy.StepContext;
import io.hailctl.deploy.stack.SharedStackReads;
import io.hailctl.deploy.efs.SharedFileSystemReads;
import io.hailctl.deploy.ami.AmiRunner;
import io.hailctl.deploy.efs.AccessPointRunner;
import io.hailctl.deploy.efs.FileSystemPolicyRunner;
import io.hailctl.deploy.efs.FileSystems;
import io.hailctl.deploy.ami.BuildPolicy;
import io.hailctl.deploy.ami.BuiltAmis;
import io.hailctl.deploy.ami.PackerBundleRunner;
import io.hailctl.deploy.ami.PublicAmis;
import io.hailctl.deploy.network.SubnetTagRunner;
import io.hailctl.deploy.preflight.Ec2Facts;
import io.hailctl.deploy.preflight.Preflight;
import io.hailctl.deploy.seed.BundledSource;
import io.hailctl.deploy.seed.FolderSource;
import io.hailctl.deploy.seed.SeedRunner;
import io.hailctl.deploy.seed.SeedSource;
import io.hailctl.deploy.seed.SeedSync;
import io.hailctl.deploy.stack.StackRunner;
import io.hailctl.deploy.teardown.AccessPointDeletionRunner;
import io.hailctl.deploy.teardown.BucketDeletionRunner;
import io.hailctl.deploy.teardown.StackDeletionRunner;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.deploy.users.NotebookSignIn;
import io.hailctl.deploy.users.UserRemoval;
import io.hailctl.progress.JsonLinesRenderer;
import io.hailctl.progress.LiveRenderer;
import io.hailctl.progress.PlainRenderer;
import io.hailctl.progress.ProgressSink;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composition root for commands that talk to AWS: adapters on the clients, runners on the
 * adapters, the engine on the runners. Built once per command run; nothing here is static.
 */
final class Wiring {
    /** Steps mostly wait on AWS, so more threads than cores is right; 8 keeps API traffic modest. */
    private static final int PARALLELISM = 8;
    /** Concurrent S3 requests of a seed (see SeedSync for why not the Transfer Manager). */
    private static final int SEED_PARALLELISM = 8;
    /** `status` reads are short describes: enough threads that no round waits on another call. */
    private static final int STATUS_PARALLELISM = 16;

    private final Invocation inv;
    private final BuildPolicy buildPolicy;
    private final StackRunner.Waiting stackWaiting;
    private final Clock clock = Clock.systemUTC();
    private final Bundle bundle = new Bundle();
    private Stacks stacks;
    private Ec2Facts ec2;
    /** The subnet tags pre-flight's DescribeSubnets carried, for the subnet-tag step (reads are paced). */
    private final SubnetTagsSeen subnetTagsSeen = new SubnetTagsSeen(clock);
    private FileSystems efs;
    private PackerBundle packerBundle;
    private PublicAmis publicAmis;

    Wiring(Invocation inv) {
        this(inv, BuildPolicy.DEPLOY);
    }

    /** With how the AMI step treats builds (`build-ami` options). */
    Wiring(Invocation inv, BuildPolicy buildPolicy) {
        this(inv, buildPolicy, StackRunner.Waiting.SETTLED);
    }

    /** With what stack creates wait for (`cluster start --no-wait`: only their acceptance). */
    Wiring(Invocation inv, BuildPolicy buildPolicy, StackRunner.Waiting stackWaiting) {
        this.inv = inv;
        this.buildPolicy = buildPolicy;
        this.stackWaiting = stackWaiting;
    }

    Bundle bundle() {
        return bundle;
    }

    Clock clock() {
        return clock;
    }

    Stacks stacks() {
        if (stacks == null) {
            // One run's stack reads shared (pre-flight's listing and answers serve the steps' first reads).
            stacks = new SharedStackReads(new CloudFormationStacks(inv.aws().cloudFormation()), clock);
        }
        return stacks;
    }

    Ec2Facts ec2() {
        if (ec2 == null) {
            ec2 = new Ec2Lookups(inv.aws().ec2(), Optional.of(subnetTagsSeen));
        }
        return ec2;
    }

    FileSystems efs() {
        if (efs == null) {
            // One run's EFS reads shared (pre-flight, the policy step and every user's step read the same file
            // system); the client itself is built on the first call.
            efs = new SharedFileSystemReads(new EfsFileSystems(inv.aws()::efs), clock);
        }
        return efs;
    }

    NotebookSignIn notebookSignIn() {
        return new SageMakerSignIn(inv.aws().sageMaker());
    }

    UserRemoval userRemoval() {
        return new UserRemoval(stacks(), new StackDeletionRunner(stacks()),
                new AccessPointRunner(efs(), inv.aws().region()), new S3Prefixes(inv.aws().s3()));
    }

    /** A context for work outside the engine (remove-user), with the engine's clock, sleeper and call budget. */
    StepContext context(String step, ProgressSink progress, Cancellation cancellation) {
        return new StepContext(step, progress, clock, Sleeper.REAL, cancellation, confirmer(),
                CallBudget.standard(clock, Sleeper.REAL), true);
    }

    int parallelism() {
        return PARALLELISM;
    }

    Preflight preflight() {
        return new Preflight(ec2(), new S3BucketProbe(inv.aws().s3()), stacks(), inv.aws().region(), this::publicAmis,
                Optional.of(efs()));
    }

    /**
     * Starts making the Packer bundle on a thread of its own, so that it is ready when its step runs: the step
     * waits for the buckets stack, the AMI stack waits for the step, and all of them are on `deploy all`'s
     * critical path (BENCHMARKS.md, "Time-true emulator"). Only the upload is then left after the buckets
     * stack settles. A failure here is not reported: the step makes the bundle again and reports it.
     */
    void preparePackerBundle() {
        Thread t = new Thread(() -> {
            try {
                packerBundle();
            } catch (RuntimeException e) {
                // the step's own call repeats it and fails with the reason
            }
        }, "hailctl-packer-bundle");
        t.setDaemon(true);
        t.start();
    }

    /** The zip of the bundled packer/ folder, made once per run (steps run in parallel). */
    synchronized PackerBundle packerBundle() {
        if (packerBundle == null) {
            packerBundle = PackerBundle.of(bundle);
        }
        return packerBundle;
    }

    synchronized PublicAmis publicAmis() {
        if (publicAmis == null) {
            publicAmis = PublicAmis.parse(bundle.text("catalog/public-amis.csv"));
        }
        return publicAmis;
    }

    BuiltAmis builtAmis() {
        return new BuiltAmis(new CodeBuildBuilds(inv.aws()::codeBuild), new Ec2Images(inv.aws().ec2()),
                new SsmParameters(inv.aws()::ssm), new CloudWatchBuildLogs(inv.aws()::logs), buildPolicy);
    }

    List<StepRunner<?>> runners() {
        List<StepRunner<?>> runners = new ArrayList<>(teardownRunners());
        runners.add(new StackRunner(stacks(), bundle::template, stackWaiting));
        runners.add(new FileSystemPolicyRunner(efs(), inv.aws().region()));
        runners.add(new AccessPointRunner(efs(), inv.aws().region()));
        runners.add(new PackerBundleRunner(new S3BundleStore(inv.aws().s3()), this::packerBundle));
        runners.add(new AmiRunner(ec2(), this::publicAmis, builtAmis(), inv.aws().region()));
        runners.add(new SubnetTagRunner(new Ec2SubnetTags(inv.aws().ec2(), Optional.of(subnetTagsSeen))));
        runners.add(new SeedRunner(seedSync(), this::seedSource));
        return runners;
    }

    SeedSync seedSync() {
        return new SeedSync(new io.hailctl.aws.S3BucketObjects(inv.aws().s3()), SEED_PARALLELISM);
    }

    /**
     * `status`: every read it makes, on the same adapters and runners as `deploy`. The SDK clients
     * are built on first use inside the reader's threads, so their start-up cost overlaps.
     */
    io.hailctl.deploy.status.StatusReader statusReader() {
        io.hailctl.deploy.status.Notebooks notebooks = name -> new io.hailctl.aws.SageMakerNotebooks(inv.aws().sageMaker())
                .describe(name);
        io.hailctl.deploy.status.Clusters clusters = id -> new io.hailctl.aws.EmrClusters(inv.aws().emr()).describe(id);
        io.hailctl.deploy.status.AmiBuilds builds = new io.hailctl.deploy.status.AmiBuildHistory(
                new CodeBuildBuilds(inv.aws()::codeBuild), new SsmParameters(inv.aws()::ssm));
        return new io.hailctl.deploy.status.StatusReader(stacks(), bundle::template, notebooks, clusters, builds,
                seedSync(), () -> seedSource(java.util.Optional.empty()), runners(), clock, STATUS_PARALLELISM);
    }

    /** `cluster list | describe | start | modify`: the environment's cluster stacks and what EMR says of them. */
    io.hailctl.deploy.clusters.ClusterReader clusterReader() {
        io.hailctl.aws.EmrClusters emr = new io.hailctl.aws.EmrClusters(inv.aws().emr());
        return new io.hailctl.deploy.clusters.ClusterReader(new io.hailctl.deploy.clusters.ClusterRoster(stacks()), emr,
                emr, clock);
    }

    io.hailctl.deploy.clusters.ClusterSteps clusterSteps() {
        return new io.hailctl.aws.EmrSteps(inv.aws().emr(), inv.aws().s3());
    }

    /** A step's folder (already absolute), or the content bundled in this build. */
    SeedSource seedSource(java.util.Optional<String> folder) {
        return folder.<SeedSource>map(f -> FolderSource.open(java.nio.file.Path.of(f), f))
                .orElseGet(() -> new BundledSource(bundle));
    }

    Deployment deployment(ProgressSink progress, Cancellation cancellation) {
        return new Deployment(runners(), progress, clock, Sleeper.REAL, cancellation, confirmer(),
                CallBudget.standard(clock, Sleeper.REAL), PARALLELISM);
    }

    /** The runners `destroy` needs on top of the deploy ones. */
    List<StepRunner<?>> teardownRunners() {
        return List.of(new StackDeletionRunner(stacks()), new BucketDeletionRunner(new S3BucketEraser(inv.aws().s3())),
                new AccessPointDeletionRunner(efs()));
    }

    /** JSON lines for programs, a live table for a person at a terminal, plain lines for logs. */
    ProgressSink progress() {
        if (inv.json()) {
            return new JsonLinesRenderer(inv.host().out());
        }
        // A followed build log must scroll, so `build-ami --follow` gets plain lines even at a terminal.
        if (inv.host().interactive() && !inv.options().quiet() && inv.host().env("CI") == null
                && !buildPolicy.followLog()) {
            int columns = 100;
            try {
                columns = Integer.parseInt(inv.host().env().getOrDefault("COLUMNS", "100"));
            } catch (NumberFormatException ignored) {
                // keep the default
            }
            return new LiveRenderer(inv.host().out(), clock, inv.color(), columns, true);
        }
        return new PlainRenderer(inv.host().out(), clock.instant(), inv.options().quiet());
    }

    /** --yes answers yes; a person at a terminal is asked; anyone else gets "no" (and a hint to pass --yes). */
    Confirmer confirmer() {
        if (inv.options().yes()) {
            return Confirmer.YES;
        }
        if (!inv.host().interactive()) {
            return Confirmer.NO;
        }
        return question -> {
            synchronized (inv.host()) {
                inv.host().err().print(question + " [y/N] ");
                inv.host().err().flush();
                try {
                    String answer = inv.host().in().readLine();
                    return answer != null && (answer.trim().equalsIgnoreCase("y") || answer.trim().equalsIgnoreCase("yes"));
                } catch (java.io.IOException e) {
                    return false;
                }
            }
        };
    }
}
