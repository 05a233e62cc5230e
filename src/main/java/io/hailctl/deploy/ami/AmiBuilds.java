package io.hailctl.deploy.ami;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The CodeBuild port: start a build of the AMI project, read builds back. */
public interface AmiBuilds {

    /** Starts a build of {@code project} with these environment variables overriding the project's. */
    Build start(String project, Map<String, String> environmentOverrides);

    /** The builds with these ids (unknown ids are left out), in no particular order. */
    List<Build> builds(List<String> ids);

    /** Ids of the project's most recent builds, newest first, at most {@code max}. */
    List<String> recentBuildIds(String project, int max);

    default Optional<Build> build(String id) {
        return builds(List.of(id)).stream().filter(b -> b.id().equals(id)).findFirst();
    }
}
