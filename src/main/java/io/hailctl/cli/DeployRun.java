package io.hailctl.cli;

import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Cancellation;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.RunReport;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;
import io.hailctl.progress.ProgressSink;

import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;

/**
 * One deploy or preview, end to end: config (no AWS yet) → credentials → pre-flight checks →
 * plan → engine → summary and exit code. Ctrl-C stops the waiting, not AWS: the summary says
 * what was running and how to continue.
 */
final class DeployRun {
    private final Invocation inv;
    private final Wiring wiring;

    DeployRun(Invocation inv) {
        this(inv, new Wiring(inv));
    }

    /** With its own wiring (`build-ami` passes how the AMI step treats builds). */
    DeployRun(Invocation inv, Wiring wiring) {
        this.inv = inv;
        this.wiring = wiring;
    }

    Wiring wiring() {
        return wiring;
    }

    int run(String command, Function<Plan, Set<StepId>> targets, Deployment.Mode mode) throws InterruptedException {
        HailctlConfig config = inv.config();
        inv.aws();
        NetworkFacts network = wiring.preflight().check(config);
        Plan plan = Topology.plan(config, network);
        Set<StepId> wanted = targets.apply(plan);
        if (mode == Deployment.Mode.APPLY && wanted.contains(Topology.PACKER_BUNDLE)) {
            wiring.preparePackerBundle();
        }
        return execute(command, plan, wanted, mode, mode == Deployment.Mode.PREVIEW ? "Plan" : "Deploy");
    }

    /** Runs an already-built plan (deploy, destroy) with progress, summary and Ctrl-C handling. */
    int execute(String command, Plan plan, Set<StepId> wanted, Deployment.Mode mode, String verb)
            throws InterruptedException {
        return report(command, plan, wanted, mode, verb).exitCode().code();
    }

    /** As {@link #execute}, returning the report for commands that add their own closing lines. */
    RunReport report(String command, Plan plan, Set<StepId> wanted, Deployment.Mode mode, String verb)
            throws InterruptedException {
        return report(command, plan, wanted, mode, verb, Deployment.OnFailure.STOP);
    }

    /** As {@link #report}, choosing what a failure stops (add-user lets one user's failure spare the others). */
    RunReport report(String command, Plan plan, Set<StepId> wanted, Deployment.Mode mode, String verb,
                     Deployment.OnFailure onFailure) throws InterruptedException {
        Cancellation cancellation = new Cancellation();
        Interrupts.Stop stop = new Interrupts.Stop("stopping the wait (what runs in AWS keeps running)",
                cancellation::cancel, new CountDownLatch(1));
        inv.host().interrupts().register(stop);
        RunReport report;
        ProgressSink progress = wiring.progress();
        try {
            try {
                report = wiring.deployment(progress, cancellation).run(plan, wanted, mode, onFailure);
            } finally {
                if (progress instanceof AutoCloseable closeable) {
                    closeQuietly(closeable);
                }
            }
            // Refused by another run's lock: one line (as any refusal), not a failure per step that tried to write.
            if (inv.lockRefusal().isPresent()) {
                throw inv.lockRefusal().get();
            }
            if (inv.json()) {
                RunSummary.json(report, inv.host().out(), command);
            } else {
                RunSummary.text(report, inv.host().out(), verb);
                if (report.interrupted()) {
                    inv.host().interrupts().resumeHintGiven();
                    inv.host().out().println();
                    inv.host().out().println("Detached. Operations already started keep running in AWS; run `hailctl "
                            + command + "` again to attach to them and continue.");
                }
            }
            inv.host().out().flush();
        } finally {
            inv.host().out().flush();
            stop.reported().countDown();
            inv.host().interrupts().release(stop);
        }
        return report;
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // a renderer failing to close must not hide the run's result
        }
    }
}
