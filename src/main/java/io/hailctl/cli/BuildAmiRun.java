package io.hailctl.cli;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.config.AmiSource;
import io.hailctl.config.AmiSpec;
import io.hailctl.config.FieldRules;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Deployment;
import io.hailctl.deploy.RunReport;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.ami.BuildPolicy;
import io.hailctl.deploy.ami.BuiltAmis;
import io.hailctl.plan.AmiStep;
import io.hailctl.plan.NetworkFacts;
import io.hailctl.plan.Plan;
import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Topology;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * `build-ami` end to end: options checked (no AWS yet) → config → network → the plan's AMI part
 * (Packer bundle, AMI-build stack, build) with the chosen versions → engine → summary and what to
 * do next. The stack keeps the versions of hailctl.yaml (its defaults are for builds started by
 * hand); the versions asked for here go to the build as environment overrides.
 */
final class BuildAmiRun {
    /** The command line, as parsed. {@code attach} holds "" for "the newest build". */
    record Request(Optional<String> hailVersion, Optional<String> vepVersion, boolean noWait, Optional<String> attach,
                   boolean follow, boolean rebuild) {
    }

    private final Invocation inv;
    private final Request request;

    BuildAmiRun(Invocation inv, Request request) {
        this.inv = inv;
        this.request = request;
    }

    int run() throws InterruptedException {
        BuildPolicy policy = policy(request);
        Optional<String> hail = request.hailVersion().map(BuildAmiRun::hailVersion);
        Optional<String> vep = request.vepVersion().map(BuildAmiRun::vepVersion);
        HailctlConfig config = inv.config();
        HailctlConfig asBuild = withAmi(config, new AmiSpec(new AmiSource.Build(), config.ami().hailVersion(),
                config.ami().vepVersion()));
        String hailWanted = hail.orElse(config.ami().hailVersion());
        String vepWanted = vep.orElse(config.ami().vepVersion());
        inv.aws();
        Wiring wiring = new Wiring(inv, policy);
        NetworkFacts network = wiring.preflight().network(asBuild);
        Plan plan = plan(asBuild, network, hailWanted, vepWanted);
        Set<StepId> targets = new LinkedHashSet<>();
        if (request.attach().isEmpty()) {
            targets.add(Topology.PACKER_BUNDLE);
            targets.add(Topology.AMI_STACK);
        }
        targets.add(Topology.AMI);
        RunReport report = new DeployRun(inv, wiring).report("build-ami", plan, targets, Deployment.Mode.APPLY, "Build");
        if (!inv.json()) {
            Optional<String> versions = request.attach().isPresent() ? Optional.empty()
                    : Optional.of("Hail " + hailWanted + ", VEP " + vepWanted + ", " + config.clusterDefaults().releaseLabel());
            closing(report, config, versions).forEach(inv.host().out()::println);
            inv.host().out().flush();
        }
        return report.exitCode().code();
    }

    /** The options as a policy, refusing combinations that make no sense (before any AWS call). */
    static BuildPolicy policy(Request r) {
        if (r.attach().isPresent()) {
            if (r.noWait()) {
                throw usage("--attach waits for a build; it cannot be used with --no-wait");
            }
            if (r.hailVersion().isPresent() || r.vepVersion().isPresent() || r.rebuild()) {
                throw usage("--attach follows a build that exists; --hail-version, --vep-version and --rebuild are for "
                        + "starting one");
            }
        }
        if (r.follow() && r.noWait()) {
            throw usage("--follow streams the log while waiting; it cannot be used with --no-wait");
        }
        BuildPolicy.Start start = r.attach().<BuildPolicy.Start>map(id -> id.isBlank() ? new BuildPolicy.AttachLatest()
                : new BuildPolicy.AttachTo(id.strip())).orElse(r.rebuild() ? new BuildPolicy.Rebuild() : new BuildPolicy.Reuse());
        return new BuildPolicy(start, !r.noWait(), r.follow());
    }

    /** The environment's plan with the AMI step building {@code hail}/{@code vep}. */
    static Plan plan(HailctlConfig asBuild, NetworkFacts network, String hail, String vep) {
        List<Step> steps = new ArrayList<>();
        for (Step s : Topology.plan(asBuild, network).steps()) {
            steps.add(s instanceof AmiStep a ? a.withVersions(hail, vep) : s);
        }
        return Plan.of(steps);
    }

    /** What to do next, after the summary. {@code versions} is empty when attached to a build of any versions. */
    static List<String> closing(RunReport report, HailctlConfig config, Optional<String> versions) {
        Optional<StepOutcome> ami = report.result(Topology.AMI.value()).flatMap(r -> r.outcome());
        if (ami.isEmpty()) {
            return List.of();
        }
        StepOutcome o = ami.get();
        String amiId = o.outputs().getOrDefault(AmiStep.AMI_ID, "");
        String buildId = o.outputs().getOrDefault(AmiStep.BUILD_ID, "");
        String what = versions.map(v -> " (" + v + ")").orElse("");
        List<String> lines = new ArrayList<>();
        lines.add("");
        if (o.change() == Change.STARTED) {
            lines.add("Build " + buildId + " is running in CodeBuild (about half an hour; over an hour with VEP).");
            lines.add("Attach to it: hailctl build-ami --attach " + buildId + " [--follow]");
            return lines;
        }
        if (amiId.isEmpty()) {
            return List.of();
        }
        if (versions.isEmpty()) {
            lines.add("AMI " + amiId + " from build " + buildId + ".");
        } else if (o.change() == Change.CREATED) {
            lines.add("AMI " + amiId + what + " is ready, built by " + buildId + "; the build recorded it in SSM "
                    + BuiltAmis.latestParameter(config.environment()) + ".");
        } else {
            lines.add("AMI " + amiId + what + " was already built" + (buildId.isEmpty() ? "" : " by " + buildId)
                    + ": nothing to build (--rebuild builds it again).");
        }
        if (config.ami().source() instanceof AmiSource.Build) {
            lines.add("`hailctl deploy emr` uses it (ami.source: build).");
        } else {
            lines.add("hailctl.yaml has ami.source: " + config.ami().source().yamlValue()
                    + "; set it to build (or to " + amiId + ") for clusters to use this AMI.");
        }
        return lines;
    }

    private static String hailVersion(String v) {
        FieldRules.hailVersion(v).ifPresent(rule -> {
            throw usage("--hail-version = " + v + ": " + rule);
        });
        return v;
    }

    private static String vepVersion(String v) {
        FieldRules.vepVersion(v).ifPresent(rule -> {
            throw usage("--vep-version = " + v + ": " + rule);
        });
        // "116" and "0116" are one release; keep one spelling, as hailctl.yaml does.
        return v.equals(AmiSpec.NO_VEP) ? v : String.valueOf(Integer.parseInt(v));
    }

    private static HailctlConfig withAmi(HailctlConfig c, AmiSpec ami) {
        return new HailctlConfig(c.environment(), c.region(), c.profile(), c.network(), c.buckets(), c.notebooks(),
                c.users(), c.efs(), ami, c.clusters(), c.tags(), c.legacySsmParameters());
    }

    private static HailctlException usage(String message) {
        return new HailctlException(ExitCode.USAGE, message);
    }
}
