package io.hailctl.aws;

import io.hailctl.deploy.status.AmiBuilds;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.ResourceNotFoundException;
import software.amazon.awssdk.services.codebuild.model.SortOrderType;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.List;
import java.util.Optional;

/** {@link AmiBuilds} on CodeBuild (the newest build of the project) and SSM (the published AMI id). */
public final class CodeBuildAmiBuilds implements AmiBuilds {
    private final CodeBuildClient codeBuild;
    private final SsmClient ssm;

    public CodeBuildAmiBuilds(CodeBuildClient codeBuild, SsmClient ssm) {
        this.codeBuild = codeBuild;
        this.ssm = ssm;
    }

    @Override
    public Optional<AmiBuilds.Build> lastBuild(String project) {
        List<String> ids;
        try {
            ids = codeBuild.listBuildsForProject(b -> b.projectName(project).sortOrder(SortOrderType.DESCENDING)).ids();
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
        if (ids.isEmpty()) {
            return Optional.empty();
        }
        return AwsCalls.call(() -> codeBuild.batchGetBuilds(b -> b.ids(ids.get(0))).builds().stream().findFirst()
                .map(CodeBuildAmiBuilds::build));
    }

    private static AmiBuilds.Build build(software.amazon.awssdk.services.codebuild.model.Build b) {
        return new AmiBuilds.Build(b.id(), b.buildStatusAsString(), Optional.ofNullable(b.currentPhase()),
                Optional.ofNullable(b.startTime()), Optional.ofNullable(b.endTime()));
    }

    @Override
    public Optional<String> parameter(String name) {
        try {
            return Optional.ofNullable(ssm.getParameter(b -> b.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
