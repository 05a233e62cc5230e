package io.hailctl.deploy.ami;

import io.hailctl.deploy.fakes.FakeClock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** A build log whose lines appear at given times; tokens are line counts, as opaque as CloudWatch's. */
final class FakeLogs implements BuildLogs {
    private record Line(Instant at, String text) {
    }

    private final FakeClock clock;
    private final List<Line> lines = new ArrayList<>();

    FakeLogs(FakeClock clock) {
        this.clock = clock;
    }

    synchronized FakeLogs line(Instant at, String text) {
        lines.add(new Line(at, text));
        return this;
    }

    private synchronized List<String> visible() {
        return lines.stream().filter(l -> !l.at().isAfter(clock.instant())).map(Line::text).toList();
    }

    @Override
    public Page after(Build.LogLocation where, Optional<String> token) {
        List<String> now = visible();
        int from = token.map(Integer::parseInt).orElse(0);
        return new Page(now.subList(Math.min(from, now.size()), now.size()), Optional.of(Integer.toString(now.size())));
    }

    @Override
    public List<String> tail(Build.LogLocation where, int n) {
        List<String> now = visible();
        return now.subList(Math.max(0, now.size() - n), now.size());
    }
}
