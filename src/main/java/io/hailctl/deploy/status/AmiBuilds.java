package io.hailctl.deploy.status;

import java.time.Instant;
import java.util.Optional;

/**
 * Where AMI builds can be seen: the CodeBuild project's newest build and the SSM parameter the
 * build publishes the AMI id to. A port of its own so the AMI-build work (issue #6) can reuse or
 * replace it.
 */
public interface AmiBuilds {

    /** The newest build of the project; empty when the project does not exist or never built. */
    Optional<Build> lastBuild(String project);

    /** An SSM parameter's value; empty when it does not exist. */
    Optional<String> parameter(String name);

    record Build(String id, String status, Optional<String> phase, Optional<Instant> started, Optional<Instant> ended) {
    }
}
