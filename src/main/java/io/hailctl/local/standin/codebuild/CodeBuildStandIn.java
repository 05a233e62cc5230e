package io.hailctl.local.standin.codebuild;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The emulator's stand-in for CodeBuild builds (moto runs none: its builds are SUCCEEDED at once,
 * with no log and without their environment overrides). A started build is a record kept in the
 * emulator; whenever it is read it is wherever {@link BuildTimeline} puts it, and what it did until
 * then is done once: each finished phase's log lines go to CloudWatch Logs (the project's log group,
 * a stream per build), and the POST_BUILD phase runs the publish step against the emulator (an AMI
 * registered and tagged as Packer and publish-ami.sh tag it, the SSM parameters). No instance is
 * started and no Packer runs. Only under --local.
 */
public final class CodeBuildStandIn {
    /** The build as CodeBuild would describe it at the moment it is read. */
    public record BuildView(BuildRecord record, ProjectSettings project, BuildTimeline.Progress progress,
                            Map<String, String> exported) {
        public String logGroup() {
            return project.logGroupOrDefault();
        }
    }

    /** StartBuild or ListBuildsForProject of a project that does not exist (CodeBuild: ResourceNotFoundException). */
    public static final class MissingProject extends RuntimeException {
        public MissingProject(String project) {
            super("Project cannot be found: arn:aws:codebuild:us-east-1:123456789012:project/" + project);
        }
    }

    private final Projects projects;
    private final BuildRecords records;
    private final BuildLogSink logs;
    private final AmiPublish publish;
    private final Buildspec buildspec;
    private final BuildTimeline timeline;
    private final Map<String, String> standInEnvironment;
    private final Clock clock;

    public CodeBuildStandIn(Projects projects, BuildRecords records, BuildLogSink logs, AmiRecords amis, String region,
                            String buildspecYaml, java.time.Duration perPhase, Map<String, String> standInEnvironment,
                            Clock clock) {
        this(projects, records, logs, amis, region, buildspecYaml, Optional.empty(), perPhase, standInEnvironment, clock);
    }

    /**
     * @param timeTrue the phases' durations in the emulator's time-true mode (an AMI build's
     *                 {@link io.hailctl.local.timing.Lifecycle}, scaled); empty: each phase lasts {@code perPhase}
     */
    public CodeBuildStandIn(Projects projects, BuildRecords records, BuildLogSink logs, AmiRecords amis, String region,
                            String buildspecYaml, Optional<io.hailctl.local.timing.Lifecycle> timeTrue,
                            java.time.Duration perPhase, Map<String, String> standInEnvironment, Clock clock) {
        this.projects = projects;
        this.records = records;
        this.logs = logs;
        this.publish = new AmiPublish(amis, region);
        this.buildspec = Buildspec.parse(buildspecYaml);
        this.timeline = timeTrue.map(BuildTimeline::of).orElseGet(() -> new BuildTimeline(perPhase));
        this.standInEnvironment = Map.copyOf(standInEnvironment);
        this.clock = clock;
        // A bad switch is refused when the stand-in starts, not at the first build.
        BuildFailure.asked(Map.of(), standInEnvironment, buildspec);
    }

    /** StartBuild: the project's environment variables overlaid with the build's overrides, as CodeBuild does. */
    public synchronized BuildView start(String project, Map<String, String> overrides) {
        ProjectSettings settings = projects.find(project).orElseThrow(() -> new MissingProject(project));
        Map<String, String> env = new LinkedHashMap<>(settings.environmentVariables());
        env.putAll(overrides);
        Optional<String> fail = BuildFailure.asked(overrides, standInEnvironment, buildspec).map(BuildFailure::phase);
        long number = records.ofProject(project).stream().mapToLong(BuildRecord::number).max().orElse(0) + 1;
        BuildRecord build = new BuildRecord(project + ":" + UUID.randomUUID(), project, number, clock.instant(), env, fail, 0,
                Optional.empty());
        records.save(build);
        return view(build, settings);
    }

    /** BatchGetBuilds: the builds found, each advanced to now; unknown ids are left out (CodeBuild: buildsNotFound). */
    public synchronized List<BuildView> read(List<String> ids) {
        List<BuildView> out = new ArrayList<>();
        for (String id : ids) {
            records.find(id).ifPresent(b -> out.add(view(b, projects.find(b.project()).orElseThrow(
                    () -> new MissingProject(b.project())))));
        }
        return out;
    }

    /** ListBuildsForProject: newest first. */
    public synchronized List<String> ids(String project) {
        if (projects.find(project).isEmpty()) {
            throw new MissingProject(project);
        }
        return records.ofProject(project).stream().sorted(Comparator.comparingLong(BuildRecord::number).reversed())
                .map(BuildRecord::id).toList();
    }

    private BuildView view(BuildRecord build, ProjectSettings project) {
        Instant now = clock.instant();
        Optional<BuildFailure> failure = build.failPhase().flatMap(p -> BuildFailure.asked(
                Map.of(BuildFailure.VARIABLE, p), Map.of(), buildspec));
        BuildTimeline.Progress progress = timeline.at(build.start(), now, failure.map(BuildFailure::phase),
                failure.map(BuildFailure::reason).orElse(""));
        BuildRecord advanced = advance(build, project, progress, failure);
        Map<String, String> exported = new LinkedHashMap<>();
        if (progress.complete()) {
            exported.put("AMI_ID", advanced.amiId().orElse(""));
        }
        return new BuildView(advanced, project, progress, exported);
    }

    /** Does once what the build did in the phases finished since the last read: logs them, publishes. */
    private BuildRecord advance(BuildRecord build, ProjectSettings project, BuildTimeline.Progress progress,
                                Optional<BuildFailure> failure) {
        List<BuildTimeline.Phase> finished = progress.phases().stream().filter(p -> p.end().isPresent()).toList();
        if (finished.size() <= build.phasesLogged()) {
            return build;
        }
        boolean failed = finished.stream().anyMatch(p -> p.status().filter("FAILED"::equals).isPresent());
        Optional<String> ami = build.amiId();
        List<BuildLogSink.Event> events = new ArrayList<>();
        for (BuildTimeline.Phase phase : finished.subList(build.phasesLogged(), finished.size())) {
            Map<String, List<String>> ran = new LinkedHashMap<>();
            if (phase.type().equals("POST_BUILD") && phase.failure().isEmpty()) {
                String step = buildspec.of("POST_BUILD").isEmpty() ? "" : buildspec.of("POST_BUILD").get(0);
                if (failed) {
                    ran.put(step, List.of("publish-ami: the build failed; nothing to publish"));
                } else {
                    AmiPublish.Published p = publish.publish(build.id(), build.environment(), phase.start());
                    ami = Optional.of(p.amiId());
                    ran.put(step, p.output());
                }
            }
            events.addAll(BuildLog.of(phase, buildspec.of(phase.type()), ran,
                    failure.filter(f -> f.phase().equals(phase.type())).map(BuildFailure::command)));
        }
        logs.append(project.logGroupOrDefault(), build.logStream(), events);
        BuildRecord next = build.logged(finished.size(), ami);
        records.save(next);
        return next;
    }
}
