package io.hailctl.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The tags of the subnets one run has just described: pre-flight's DescribeSubnets already carries them, so
 * the subnet-tag step need not describe the same subnet again a second later (reads are paced, 4 a second).
 * Kept for {@link #FRESH}, as the run's other shared reads; a tag this run adds drops the subnet's entry.
 */
public final class SubnetTagsSeen {
    public static final Duration FRESH = Duration.ofSeconds(10);

    private final Clock clock;
    private final Map<String, Seen> seen = new HashMap<>();

    private record Seen(Instant at, Map<String, String> tags) {
    }

    public SubnetTagsSeen(Clock clock) {
        this.clock = clock;
    }

    synchronized void saw(String subnetId, Map<String, String> tags) {
        seen.put(subnetId, new Seen(clock.instant(), Map.copyOf(tags)));
    }

    synchronized Optional<Map<String, String>> recent(String subnetId) {
        Seen s = seen.get(subnetId);
        return s != null && clock.instant().isBefore(s.at().plus(FRESH)) ? Optional.of(s.tags()) : Optional.empty();
    }

    synchronized void forget(String subnetId) {
        seen.remove(subnetId);
    }
}
