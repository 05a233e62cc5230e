package io.hailctl.aws;

import io.hailctl.local.standin.codebuild.ProjectSettings;
import io.hailctl.local.standin.codebuild.Projects;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;
import software.amazon.awssdk.services.codebuild.model.EnvironmentVariable;
import software.amazon.awssdk.services.codebuild.model.Project;
import software.amazon.awssdk.services.codebuild.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link Projects} on the emulator's CodeBuild API, which stores projects (moto has no
 * UpdateProject: a changed project is deleted and created again). For the CodeBuild stand-in only.
 */
public final class EmulatorCodeBuildProjects implements Projects {
    private final CodeBuildClient codeBuild;

    public EmulatorCodeBuildProjects(CodeBuildClient codeBuild) {
        this.codeBuild = codeBuild;
    }

    @Override
    public Optional<ProjectSettings> find(String name) {
        return AwsCalls.call(() -> codeBuild.batchGetProjects(b -> b.names(name)).projects().stream().findFirst()
                .map(EmulatorCodeBuildProjects::settings));
    }

    @Override
    public void put(ProjectSettings p) {
        if (find(p.name()).isPresent()) {
            delete(p.name());
        }
        List<EnvironmentVariable> vars = new ArrayList<>();
        p.environmentVariables().forEach((k, v) -> vars.add(EnvironmentVariable.builder().name(k).value(v).type("PLAINTEXT")
                .build()));
        List<Tag> tags = new ArrayList<>();
        p.tags().forEach((k, v) -> tags.add(Tag.builder().key(k).value(v).build()));
        AwsCalls.run(() -> codeBuild.createProject(b -> b.name(p.name()).description(p.description())
                .serviceRole(p.serviceRole()).timeoutInMinutes(p.timeoutInMinutes())
                .queuedTimeoutInMinutes(p.queuedTimeoutInMinutes()).artifacts(a -> a.type("NO_ARTIFACTS"))
                .source(s -> s.type(p.sourceType()).location(p.sourceLocation()).buildspec(p.buildspec()))
                .environment(e -> e.type(p.environmentType()).computeType(p.computeType()).image(p.image())
                        .environmentVariables(vars))
                .logsConfig(l -> l.cloudWatchLogs(c -> c.status("ENABLED").groupName(p.logGroup().orElse(null))))
                .tags(tags)));
    }

    @Override
    public void delete(String name) {
        AwsCalls.run(() -> codeBuild.deleteProject(b -> b.name(name)));
    }

    private static ProjectSettings settings(Project p) {
        Map<String, String> env = new LinkedHashMap<>();
        if (p.environment() != null) {
            p.environment().environmentVariables().forEach(v -> env.put(v.name(), v.value() == null ? "" : v.value()));
        }
        Map<String, String> tags = new LinkedHashMap<>();
        p.tags().forEach(t -> tags.put(t.key(), t.value()));
        Optional<String> group = Optional.ofNullable(p.logsConfig()).map(l -> l.cloudWatchLogs())
                .map(c -> c.groupName());
        return new ProjectSettings(p.name(), nullToEmpty(p.description()), nullToEmpty(p.serviceRole()),
                p.source() == null ? "" : nullToEmpty(p.source().typeAsString()),
                p.source() == null ? "" : nullToEmpty(p.source().location()),
                p.source() == null ? "" : nullToEmpty(p.source().buildspec()),
                p.environment() == null ? "" : nullToEmpty(p.environment().typeAsString()),
                p.environment() == null ? "" : nullToEmpty(p.environment().computeTypeAsString()),
                p.environment() == null ? "" : nullToEmpty(p.environment().image()), env,
                p.timeoutInMinutes() == null ? 60 : p.timeoutInMinutes(),
                p.queuedTimeoutInMinutes() == null ? 480 : p.queuedTimeoutInMinutes(), group, tags);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
