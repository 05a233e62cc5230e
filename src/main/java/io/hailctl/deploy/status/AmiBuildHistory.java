package io.hailctl.deploy.status;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.ami.Parameters;

import java.util.List;
import java.util.Optional;

/**
 * {@link AmiBuilds} for `status`, on the same CodeBuild and SSM ports the AMI build uses, so there
 * is one adapter per service: the newest build of the project, and the published AMI parameter.
 */
public final class AmiBuildHistory implements AmiBuilds {
    private final io.hailctl.deploy.ami.AmiBuilds builds;
    private final Parameters parameters;

    public AmiBuildHistory(io.hailctl.deploy.ami.AmiBuilds builds, Parameters parameters) {
        this.builds = builds;
        this.parameters = parameters;
    }

    @Override
    public Optional<Build> lastBuild(String project) {
        List<String> ids;
        try {
            ids = builds.recentBuildIds(project, 1);
        } catch (HailctlException e) {
            // No project (yet): nothing was ever built; status shows "none", not an error.
            if (e.exitCode() == ExitCode.REFUSED) {
                return Optional.empty();
            }
            throw e;
        }
        return ids.isEmpty() ? Optional.empty() : builds.build(ids.get(0)).map(b -> new Build(b.id(), b.status().name(),
                b.currentPhase().isEmpty() ? Optional.empty() : Optional.of(b.currentPhase()), b.startTime(), b.endTime()));
    }

    @Override
    public Optional<String> parameter(String name) {
        return parameters.get(name);
    }
}
