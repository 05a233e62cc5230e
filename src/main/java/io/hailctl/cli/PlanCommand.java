package io.hailctl.cli;

import picocli.CommandLine.Command;

@Command(name = "plan", description = "Preview `deploy all`: per stack create / update (with resource changes) / no change, and where each parameter comes from. No writes.")
final class PlanCommand extends CommandBase {
    PlanCommand(Host host) {
        super(host);
    }

    @Override
    public Integer call() throws InterruptedException {
        return new DeployRun(invocation()).run("plan", plan -> new java.util.LinkedHashSet<>(
                plan.steps().stream().map(io.hailctl.plan.Step::id).toList()), io.hailctl.deploy.Deployment.Mode.PREVIEW);
    }
}
