package io.hailctl.local.standin.codebuild;

import java.util.List;
import java.util.Optional;

/** Where the stand-in keeps its builds: in the emulator itself, so they live and are reset with it (implemented in aws). */
public interface BuildRecords {
    void save(BuildRecord build);

    Optional<BuildRecord> find(String id);

    /** The project's builds, any order. */
    List<BuildRecord> ofProject(String project);
}
