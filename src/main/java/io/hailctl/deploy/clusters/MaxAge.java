package io.hailctl.deploy.clusters;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.plan.HardStop;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * {@code cluster start --max-age}: how long an ad-hoc cluster may live, counted from {@code start}, whatever
 * it is doing. It becomes a {@link HardStop} (a one-time schedule in the cluster's stack).
 *
 * <p>At least {@link #MIN}: the schedule is made with the stack, once EMR reports the cluster up (10 to 20
 * minutes with Hail installed at boot), and it must exist before its time comes. At most {@link #MAX},
 * as Dataproc's {@code --max-age}. Not tied to {@code --max-idle}: a max-age shorter than the idle timeout
 * only makes the idle timeout moot.
 */
public record MaxAge(Duration age) {
    public static final Duration MIN = Duration.ofMinutes(30);
    public static final Duration MAX = Duration.ofDays(14);

    /**
     * The flag's value ({@code 0} or absent = no hard stop); one usage line naming flag, value and rule
     * when it is out of range (exit 2, before any AWS call).
     */
    public static Optional<MaxAge> of(Optional<Duration> flag) {
        if (flag.isEmpty() || flag.get().isZero()) {
            return Optional.empty();
        }
        Duration d = flag.get();
        if (d.compareTo(MIN) < 0 || d.compareTo(MAX) > 0) {
            throw new HailctlException(ExitCode.USAGE, "--max-age " + ClusterShape.text(d) + ": expected "
                    + ClusterShape.text(MIN) + " to " + ClusterShape.text(MAX) + " (0 = no hard stop); the hard stop's "
                    + "schedule is made once the cluster is up, which takes 10 to 20 minutes");
        }
        return Optional.of(new MaxAge(d));
    }

    /** The hard stop of a cluster started at {@code now}. */
    public HardStop from(Instant now) {
        return new HardStop(now.plus(age));
    }
}
