package io.hailctl.local.standin.codebuild;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What the stand-in keeps of one build, in the emulator (so a later hailctl process attaching to the
 * build sees the same one): who, when, with which environment, whether it was made to fail, and how
 * far its log and publish step have been written.
 */
public record BuildRecord(String id, String project, long number, Instant start, Map<String, String> environment,
                          Optional<String> failPhase, int phasesLogged, Optional<String> amiId) {
    public BuildRecord {
        environment = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    }

    /** The log stream of the build: CodeBuild names it after the build id's part after the project. */
    public String logStream() {
        return id.substring(id.indexOf(':') + 1);
    }

    BuildRecord logged(int phases, Optional<String> ami) {
        return new BuildRecord(id, project, number, start, environment, failPhase, phases, ami);
    }
}
