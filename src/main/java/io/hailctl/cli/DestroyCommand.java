package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.efs.FileSystems;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.Stacks;
import io.hailctl.plan.Component;
import io.hailctl.plan.Plan;
import io.hailctl.plan.StepId;
import io.hailctl.plan.TeardownPlan;
import io.hailctl.plan.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

@Command(name = "destroy", description = "Tear the environment down in reverse order (asks first). Buckets holding data are kept unless --delete-data.")
final class DestroyCommand extends CommandBase {
    @Option(names = "--delete-data", description = "Also empty and delete the buckets (notebook backups, logs, VEP data).")
    boolean deleteData;

    @Option(names = "--dry-run", description = "List what would be deleted; delete nothing.")
    boolean dryRun;

    DestroyCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        HailctlConfig config = invocation().config();
        DeployRun run = new DeployRun(invocation());
        Stacks stacks = run.wiring().stacks();
        List<TeardownPlan.Deployed> deployed = deployedStacks(stacks, config.environment());
        List<TeardownPlan.AccessPointRef> accessPoints = config.efs()
                .map(efs -> accessPoints(run.wiring().efs(), efs.fileSystemId(), config.environment())).orElse(List.of());
        Plan plan = TeardownPlan.of(config.environment(), deployed, accessPoints, config.buckets(), deleteData);
        Set<StepId> all = new LinkedHashSet<>();
        plan.steps().forEach(s -> all.add(s.id()));
        if (!dryRun && !confirmed(config, deployed, accessPoints.size())) {
            throw new HailctlException(ExitCode.REFUSED, "destroy of environment '" + config.environment() + "' not confirmed; nothing deleted",
                    "Run it at a terminal to answer the question, or pass --yes.");
        }
        return run.execute("destroy" + (deleteData ? " --delete-data" : ""), plan, all,
                dryRun ? Deployment.Mode.PREVIEW : Deployment.Mode.APPLY, dryRun ? "Destroy preview" : "Destroy");
    }

    private boolean confirmed(HailctlConfig config, List<TeardownPlan.Deployed> deployed, int accessPointCount) {
        List<String> names = new ArrayList<>();
        deployed.forEach(d -> names.add(d.stackName()));
        String question = "Destroy environment '" + config.environment() + "' in " + invocation().aws().region() + ": delete "
                + (names.isEmpty() ? "no stacks" : names.size() + " stack(s) (" + String.join(", ", names) + ")")
                + (accessPointCount > 0 ? ", " + accessPointCount + " EFS access point(s) (their files stay)" : "")
                + (deleteData ? " and the buckets " + config.buckets().hail() + ", " + config.buckets().logs() + ", "
                + config.buckets().jupyter() + " WITH ALL THEIR DATA" : "; buckets holding data are kept") + "?";
        return new Wiring(invocation()).confirmer().confirm(question);
    }

    /**
     * This environment's access points on the file system (tagged with the environment). The
     * file-system policy stays: removing it would let anonymous NFS clients mount again.
     */
    static List<TeardownPlan.AccessPointRef> accessPoints(FileSystems efs, String fileSystemId, String environment) {
        if (efs.describe(fileSystemId).isEmpty()) {
            return List.of();
        }
        List<TeardownPlan.AccessPointRef> out = new ArrayList<>();
        for (FileSystems.AccessPoint ap : efs.accessPoints(fileSystemId)) {
            if (environment.equals(ap.tags().get(Topology.TAG_ENVIRONMENT)) && !ap.leaving()) {
                out.add(new TeardownPlan.AccessPointRef(fileSystemId, ap.id(), ap.tags().getOrDefault(Topology.TAG_USER, "")));
            }
        }
        return out;
    }

    /** This environment's stacks: named `ENV-…` and tagged with the environment (so `demo` never takes `demo-x`'s). */
    static List<TeardownPlan.Deployed> deployedStacks(Stacks stacks, String environment) {
        List<TeardownPlan.Deployed> out = new ArrayList<>();
        for (String name : stacks.names(environment + "-")) {
            Optional<StackState> st = stacks.describe(name);
            if (st.isEmpty() || !environment.equals(st.get().tags().get(Topology.TAG_ENVIRONMENT))) {
                continue;
            }
            String tag = st.get().tags().getOrDefault(Topology.TAG_COMPONENT, "");
            Component component = Component.JUPYTER;
            for (Component c : Component.values()) {
                if (c.tag().equals(tag)) {
                    component = c;
                }
            }
            out.add(new TeardownPlan.Deployed(name, component));
        }
        return out;
    }
}
