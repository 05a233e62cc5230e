package io.hailctl.local.standin.codebuild;

import java.util.Optional;

/** The emulator's CodeBuild projects (implemented in aws on moto's CodeBuild API, which stores them). */
public interface Projects {
    Optional<ProjectSettings> find(String name);

    /** Creates the project, or replaces it with these settings (what CloudFormation's update does). */
    void put(ProjectSettings project);

    void delete(String name);
}
