package io.hailctl.deploy.ami;

import io.hailctl.deploy.fakes.FakeClock;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * CodeBuild on a fake clock: each build follows a script of phases (what real CodeBuild reports:
 * the running phase has no status, finished ones have one, contexts explain failures) and ends
 * with a status at a set time. Reads show the build as it is at the clock's time.
 */
final class FakeBuilds implements AmiBuilds {
    static final String PROJECT = "demo-hail-ami";
    static final Build.LogLocation LOG = new Build.LogLocation("/aws/codebuild/demo-hail-ami", "stream-1");

    /** A phase that ends {@code after} the build started, with {@code status}. */
    record Phase(String type, Duration after, String status, List<String> contexts) {
    }

    private record Script(String id, Instant started, Map<String, String> env, List<Phase> phases, BuildStatus end,
                          int timeoutMinutes, int queuedTimeoutMinutes, boolean repeatPhases) {
    }

    private final FakeClock clock;
    private final Map<String, Script> scripts = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<Map<String, String>> starts = Collections.synchronizedList(new ArrayList<>());
    private List<Phase> nextScript = success();
    private BuildStatus nextEnd = BuildStatus.SUCCEEDED;
    private int counter;
    private int reads;
    private final List<Instant> readTimes = new ArrayList<>();
    private boolean repeatPhases;

    FakeBuilds(FakeClock clock) {
        this.clock = clock;
    }

    /** A successful build: small phases of a minute, a 40-minute BUILD. */
    static List<Phase> success() {
        return List.of(
                new Phase("SUBMITTED", Duration.ZERO, "SUCCEEDED", List.of()),
                new Phase("QUEUED", Duration.ofSeconds(5), "SUCCEEDED", List.of()),
                new Phase("PROVISIONING", Duration.ofSeconds(65), "SUCCEEDED", List.of()),
                new Phase("DOWNLOAD_SOURCE", Duration.ofSeconds(70), "SUCCEEDED", List.of()),
                new Phase("INSTALL", Duration.ofMinutes(2), "SUCCEEDED", List.of()),
                new Phase("PRE_BUILD", Duration.ofMinutes(3), "SUCCEEDED", List.of()),
                new Phase("BUILD", Duration.ofMinutes(43), "SUCCEEDED", List.of()),
                new Phase("POST_BUILD", Duration.ofMinutes(44), "SUCCEEDED", List.of()),
                new Phase("UPLOAD_ARTIFACTS", Duration.ofMinutes(44), "SUCCEEDED", List.of()),
                new Phase("FINALIZING", Duration.ofMinutes(45), "SUCCEEDED", List.of()));
    }

    /** The success script up to BUILD, which ends with {@code status} and {@code context}. */
    static List<Phase> endingInBuild(String status, String... contexts) {
        List<Phase> out = new ArrayList<>(success().subList(0, 6));
        out.add(new Phase("BUILD", Duration.ofMinutes(20), status, List.of(contexts)));
        out.add(new Phase("POST_BUILD", Duration.ofMinutes(21), "SUCCEEDED", List.of()));
        out.add(new Phase("FINALIZING", Duration.ofMinutes(21), "SUCCEEDED", List.of()));
        return out;
    }

    /** What the next started build will do. */
    FakeBuilds next(List<Phase> phases, BuildStatus end) {
        this.nextScript = phases;
        this.nextEnd = end;
        return this;
    }

    /** moto's way: the whole phase list again on every read. */
    FakeBuilds repeatingPhases() {
        this.repeatPhases = true;
        return this;
    }

    /** A build that exists already (started elsewhere or earlier). */
    FakeBuilds existing(String id, Instant started, Map<String, String> env, List<Phase> phases, BuildStatus end) {
        scripts.put(id, new Script(id, started, env, phases, end, 240, 60, repeatPhases));
        return this;
    }

    List<Map<String, String>> starts() {
        return List.copyOf(starts);
    }

    synchronized int reads() {
        return reads;
    }

    /** Time between consecutive reads, starting from the first start. */
    synchronized List<Duration> readGaps() {
        List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < readTimes.size(); i++) {
            gaps.add(Duration.between(readTimes.get(i - 1), readTimes.get(i)));
        }
        return gaps;
    }

    @Override
    public synchronized Build start(String project, Map<String, String> environmentOverrides) {
        starts.add(Map.copyOf(environmentOverrides));
        readTimes.add(clock.instant());
        String id = PROJECT + ":build-" + (++counter);
        scripts.put(id, new Script(id, clock.instant(), environmentOverrides, nextScript, nextEnd, 240, 60, repeatPhases));
        return view(scripts.get(id));
    }

    @Override
    public synchronized List<Build> builds(List<String> ids) {
        reads++;
        readTimes.add(clock.instant());
        return ids.stream().filter(scripts::containsKey).map(id -> view(scripts.get(id))).toList();
    }

    @Override
    public List<String> recentBuildIds(String project, int max) {
        List<Script> all = new ArrayList<>(scripts.values());
        all.sort((a, b) -> b.started().compareTo(a.started()));
        return all.stream().limit(max).map(Script::id).toList();
    }

    private Build view(Script s) {
        Duration elapsed = Duration.between(s.started(), clock.instant());
        List<BuildPhase> phases = new ArrayList<>();
        Duration phaseStart = Duration.ZERO;
        String current = "COMPLETED";
        boolean ended = true;
        for (Phase p : s.phases()) {
            if (elapsed.compareTo(p.after()) >= 0) {
                phases.add(new BuildPhase(p.type(), Optional.of(p.status()), Optional.of(s.started().plus(phaseStart)),
                        Optional.of(s.started().plus(p.after())), Optional.of(p.after().minus(phaseStart).toSeconds()),
                        p.contexts()));
                phaseStart = p.after();
            } else {
                phases.add(new BuildPhase(p.type(), Optional.empty(), Optional.of(s.started().plus(phaseStart)),
                        Optional.empty(), Optional.empty(), List.of()));
                current = p.type();
                ended = false;
                break;
            }
        }
        if (s.repeatPhases()) {
            List<BuildPhase> twice = new ArrayList<>(phases);
            twice.addAll(phases);
            phases = twice;
        }
        BuildStatus status = ended ? s.end() : BuildStatus.IN_PROGRESS;
        if (ended) {
            phases.add(new BuildPhase("COMPLETED", Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
                    List.of()));
        }
        return new Build(s.id(), PROJECT, status, current, phases, s.env(), Optional.of(s.started()), s.timeoutMinutes(),
                s.queuedTimeoutMinutes(), Optional.of(LOG), Optional.empty());
    }
}
