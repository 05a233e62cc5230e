package io.hailctl.local.standin.codebuild;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;

/**
 * The emulator's stand-in for CodeBuild builds (moto runs none): StartBuild, BatchGetBuilds and
 * ListBuildsForProject are answered by {@link CodeBuildStandIn}; the rest of CodeBuild (projects)
 * is moto's. Its builds live in the emulator, so a reset of the emulator forgets them too.
 */
public final class CodeBuildBuildsGap implements Gap {
    private final CodeBuildApi api;

    public CodeBuildBuildsGap(CodeBuildApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return "codebuild-builds";
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        if (!request.service().equals("codebuild")) {
            return next.send(request);
        }
        return api.answer(request.operation(), request.bodyText()).map(a -> AwsResponse.json(a.status(), a.body()))
                .orElseGet(() -> next.send(request));
    }
}
