package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.deploy.ami.AmiBuilds;
import io.hailctl.deploy.ami.Build;
import io.hailctl.deploy.ami.BuildPhase;
import io.hailctl.deploy.ami.BuildStatus;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariableType;
import software.amazon.awssdk.services.codebuild.model.LogsLocation;
import software.amazon.awssdk.services.codebuild.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** {@link AmiBuilds} on CodeBuild. */
public final class CodeBuildBuilds implements AmiBuilds {
    /** BatchGetBuilds takes at most 100 ids. */
    private static final int BATCH = 100;

    private final Supplier<CodeBuildClient> codeBuild;

    public CodeBuildBuilds(CodeBuildClient codeBuild) {
        this(() -> codeBuild);
    }

    /** With the client built on first use: a command that never calls CodeBuild never loads its SDK client. */
    public CodeBuildBuilds(Supplier<CodeBuildClient> codeBuild) {
        this.codeBuild = codeBuild;
    }

    @Override
    public Build start(String project, Map<String, String> environmentOverrides) {
        List<EnvironmentVariable> env = new ArrayList<>();
        environmentOverrides.forEach((k, v) -> env.add(EnvironmentVariable.builder().name(k).value(v)
                .type(EnvironmentVariableType.PLAINTEXT).build()));
        try {
            return build(codeBuild().startBuild(b -> b.projectName(project).environmentVariablesOverride(env)).build());
        } catch (ResourceNotFoundException e) {
            throw missingProject(project, e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<Build> builds(List<String> ids) {
        List<Build> out = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += BATCH) {
            List<String> page = ids.subList(i, Math.min(ids.size(), i + BATCH));
            AwsCalls.call(() -> codeBuild().batchGetBuilds(b -> b.ids(page))).builds().forEach(b -> out.add(build(b)));
        }
        return out;
    }

    @Override
    public List<String> recentBuildIds(String project, int max) {
        try {
            List<String> ids = codeBuild().listBuildsForProject(b -> b.projectName(project).sortOrder(SortOrderType.DESCENDING))
                    .ids();
            return List.copyOf(ids.subList(0, Math.min(max, ids.size())));
        } catch (ResourceNotFoundException e) {
            throw missingProject(project, e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private static HailctlException missingProject(String project, Exception e) {
        return new HailctlException(ExitCode.REFUSED, "CodeBuild project " + project + " does not exist",
                "It is made by the AMI stack: hailctl deploy ami (or hailctl build-ami) creates it.", e);
    }

    private static Build build(software.amazon.awssdk.services.codebuild.model.Build b) {
        List<BuildPhase> phases = new ArrayList<>();
        b.phases().forEach(p -> phases.add(new BuildPhase(p.phaseTypeAsString(),
                Optional.ofNullable(p.phaseStatusAsString()), Optional.ofNullable(p.startTime()),
                Optional.ofNullable(p.endTime()), Optional.ofNullable(p.durationInSeconds()),
                p.contexts().stream().map(c -> nullToEmpty(c.statusCode()) + ": " + nullToEmpty(c.message())).toList())));
        Map<String, String> env = new LinkedHashMap<>();
        if (b.environment() != null) {
            b.environment().environmentVariables().forEach(v -> env.put(v.name(), nullToEmpty(v.value())));
        }
        LogsLocation logs = b.logs();
        Optional<Build.LogLocation> where = logs != null && logs.groupName() != null && logs.streamName() != null
                ? Optional.of(new Build.LogLocation(logs.groupName(), logs.streamName())) : Optional.empty();
        return new Build(b.id(), nullToEmpty(b.projectName()), BuildStatus.of(b.buildStatusAsString()),
                nullToEmpty(b.currentPhase()), phases, env, Optional.ofNullable(b.startTime()),
                b.timeoutInMinutes() == null ? 0 : b.timeoutInMinutes(),
                b.queuedTimeoutInMinutes() == null ? 0 : b.queuedTimeoutInMinutes(), where, Optional.ofNullable(b.endTime()));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    private CodeBuildClient codeBuild() {
        return codeBuild.get();
    }
}
