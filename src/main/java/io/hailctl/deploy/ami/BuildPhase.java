package io.hailctl.deploy.ami;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One phase of a build (SUBMITTED, QUEUED, PROVISIONING, DOWNLOAD_SOURCE, INSTALL, PRE_BUILD, BUILD,
 * POST_BUILD, UPLOAD_ARTIFACTS, FINALIZING, COMPLETED).
 *
 * @param status   empty while the phase runs
 * @param contexts CodeBuild's explanation of how it ended, as "STATUS_CODE: message" lines
 */
public record BuildPhase(String type, Optional<String> status, Optional<Instant> start, Optional<Instant> end,
                         Optional<Long> durationSeconds, List<String> contexts) {
    private static final Set<String> FAILURES = Set.of("FAILED", "FAULT", "TIMED_OUT", "STOPPED", "CLIENT_ERROR");

    public BuildPhase {
        contexts = List.copyOf(contexts);
    }

    public boolean finished() {
        return status.isPresent();
    }

    static boolean isFailure(String status) {
        return FAILURES.contains(status);
    }
}
