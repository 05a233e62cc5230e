package io.hailctl.local.standin.codebuild;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A CodeBuild project as the stand-in needs it: what the AMI stack's {@code AWS::CodeBuild::Project}
 * declares (resolved), and what its builds inherit (environment variables, timeouts, log group).
 */
public record ProjectSettings(String name, String description, String serviceRole, String sourceType,
                              String sourceLocation, String buildspec, String environmentType, String computeType,
                              String image, Map<String, String> environmentVariables, int timeoutInMinutes,
                              int queuedTimeoutInMinutes, Optional<String> logGroup, Map<String, String> tags) {
    public ProjectSettings {
        environmentVariables = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environmentVariables));
        tags = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(tags));
    }

    /** CodeBuild's log group of a project whose logs config names none. */
    public String logGroupOrDefault() {
        return logGroup.orElse("/aws/codebuild/" + name);
    }
}
