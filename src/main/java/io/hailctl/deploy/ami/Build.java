package io.hailctl.deploy.ami;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One CodeBuild build as BatchGetBuilds shows it.
 *
 * @param environment the build's effective environment variables (project values with this build's overrides)
 * @param timeoutMinutes how long CodeBuild lets it run before TIMED_OUT (the project's setting)
 * @param queuedTimeoutMinutes how long it may wait in the queue
 * @param logs where its log is, once CodeBuild created the stream
 * @param endTime when it ended, once it has
 */
public record Build(String id, String project, BuildStatus status, String currentPhase, List<BuildPhase> phases,
                    Map<String, String> environment, Optional<Instant> startTime, int timeoutMinutes,
                    int queuedTimeoutMinutes, Optional<LogLocation> logs, Optional<Instant> endTime) {
    public Build {
        phases = List.copyOf(phases);
        environment = Map.copyOf(environment);
    }

    /** The phase that ended the build badly: the first with a failing status, else the current one. */
    public Optional<BuildPhase> failedPhase() {
        for (BuildPhase p : phases) {
            if (p.status().filter(BuildPhase::isFailure).isPresent()) {
                return Optional.of(p);
            }
        }
        return phases.stream().filter(p -> p.type().equals(currentPhase)).reduce((a, b) -> b);
    }

    /** Where a log lives in CloudWatch Logs. */
    public record LogLocation(String group, String stream) {
    }
}
