package io.hailctl.local.timing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The states a long-running AWS thing passes through after one request, each for a typical time, then
 * a settled state: an EMR cluster starting, a SageMaker notebook instance starting, a CodeBuild build's
 * phases. The layer answering Describe calls asks {@link #stateAt} instead of taking moto's instant
 * answer.
 *
 * @param source where the durations come from (every table names its source)
 */
public record Lifecycle(List<Phase> phases, String settled, String source) {
    /** One state and how long it lasts. */
    public record Phase(String state, Duration duration) {
    }

    /** A phase as it happened so far: ended is null while it is the current one. */
    public record Passed(String state, Instant started, Instant ended) {
    }

    public Lifecycle {
        phases = List.copyOf(phases);
    }

    /** EMR: STARTING, BOOTSTRAPPING, then WAITING; 10 min in all (EMR Management Guide, cluster lifecycle: 8-12 min). */
    public static Lifecycle emrClusterStart() {
        return new Lifecycle(List.of(new Phase("STARTING", Duration.ofMinutes(7)),
                new Phase("BOOTSTRAPPING", Duration.ofMinutes(3))), "WAITING",
                "EMR Management Guide, 'Understanding the cluster lifecycle': STARTING (instances provisioned), "
                        + "BOOTSTRAPPING (bootstrap actions), then WAITING; 8-12 min with Hail's bootstrap, 10 min here");
    }

    /** SageMaker notebook instance: Pending for about 5 min, then InService. */
    public static Lifecycle notebookStart() {
        return new Lifecycle(List.of(new Phase("Pending", Duration.ofMinutes(5))), "InService",
                "SageMaker Developer Guide, 'Create a notebook instance': Pending until InService, a few minutes");
    }

    /** A CodeBuild build running Packer for a Hail AMI: the build phases, 20 min in all (estimate). */
    public static Lifecycle amiBuild() {
        return new Lifecycle(List.of(new Phase("SUBMITTED", Duration.ofSeconds(1)),
                new Phase("QUEUED", Duration.ofSeconds(5)), new Phase("PROVISIONING", Duration.ofSeconds(40)),
                new Phase("DOWNLOAD_SOURCE", Duration.ofSeconds(5)), new Phase("INSTALL", Duration.ofSeconds(30)),
                new Phase("PRE_BUILD", Duration.ofSeconds(5)), new Phase("BUILD", Duration.ofMinutes(18)),
                new Phase("POST_BUILD", Duration.ofSeconds(5)), new Phase("UPLOAD_ARTIFACTS", Duration.ofSeconds(2)),
                new Phase("FINALIZING", Duration.ofSeconds(2))), "COMPLETED",
                "CodeBuild User Guide, 'Build phase transitions' for the phases; durations are our estimate: "
                        + "provisioning under a minute, a Packer build of a Hail AMI about 15-20 min");
    }

    public Lifecycle scaled(double factor) {
        if (!(factor > 0)) {
            throw new IllegalArgumentException("scale must be > 0, got " + factor);
        }
        List<Phase> out = new ArrayList<>();
        phases.forEach(p -> out.add(new Phase(p.state(), Duration.ofNanos(Math.round(p.duration().toNanos() * factor)))));
        return new Lifecycle(out, settled, source);
    }

    public Duration total() {
        return phases.stream().map(Phase::duration).reduce(Duration.ZERO, Duration::plus);
    }

    public boolean settled(Instant started, Instant now) {
        return !now.isBefore(started.plus(total()));
    }

    /** The state at {@code now} of something that started at {@code started}. */
    public String stateAt(Instant started, Instant now) {
        Instant end = started;
        for (Phase p : phases) {
            end = end.plus(p.duration());
            if (now.isBefore(end)) {
                return p.state();
            }
        }
        return settled;
    }

    /** The phases begun by {@code now}, oldest first, the current one open (as BatchGetBuilds lists them). */
    public List<Passed> passed(Instant started, Instant now) {
        List<Passed> out = new ArrayList<>();
        Instant begin = started;
        for (Phase p : phases) {
            if (now.isBefore(begin)) {
                break;
            }
            Instant end = begin.plus(p.duration());
            out.add(new Passed(p.state(), begin, now.isBefore(end) ? null : end));
            begin = end;
        }
        if (!now.isBefore(begin)) {
            out.add(new Passed(settled, begin, begin));
        }
        return out;
    }
}
