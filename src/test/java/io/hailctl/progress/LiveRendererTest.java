package io.hailctl.progress;

import io.hailctl.deploy.fakes.FakeClock;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LiveRendererTest {
    private final FakeClock clock = new FakeClock();
    private final StringWriter text = new StringWriter();
    private final LiveRenderer live = new LiveRenderer(new PrintWriter(text), clock, false, 100, false);

    /** What the terminal shows after the escape sequences are applied: the last frame. */
    private String screen() {
        String all = text.toString();
        String[] frames = all.split("\u001b\\[\\d+A");
        return frames[frames.length - 1].replace("\u001b[2K", "");
    }

    @Test
    void oneLinePerStepRedrawnInPlaceWithTheLatestState() {
        live.emit(new ProgressEvent.StepStarted(clock.instant(), "s3", "buckets", "deploy"));
        live.emit(new ProgressEvent.StepStarted(clock.instant(), "network", "security groups", "deploy"));
        clock.advance(Duration.ofSeconds(12));
        live.emit(new ProgressEvent.StepActivity(clock.instant(), "s3", "HailBucket", "CREATE_IN_PROGRESS", Optional.empty()));
        live.emit(new ProgressEvent.StepFinished(clock.instant(), "network", "security groups", "created",
                Duration.ofSeconds(12), Map.of(), Optional.empty()));
        String screen = screen();
        assertEquals(2, screen.lines().count(), screen);
        assertTrue(screen.contains("s3       deploying          12s  HailBucket CREATE_IN_PROGRESS"), screen);
        assertTrue(screen.contains("✓ network  created            12s  security groups"), screen);
    }

    @Test
    void failuresArePrintedOnceAboveTheTableAndStay() {
        live.emit(new ProgressEvent.StepStarted(clock.instant(), "s3", "buckets", "deploy"));
        live.emit(new ProgressEvent.StepFailed(clock.instant(), "s3", "buckets", "stack demo-s3 ROLLBACK_COMPLETE: boom",
                Duration.ofSeconds(3), Optional.of("fix it")));
        live.emit(new ProgressEvent.StepSkipped(clock.instant(), "seed", "jupyter content", "needs s3, which failed"));
        live.close();
        String all = text.toString();
        assertEquals(1, all.split("✗ s3: stack demo-s3 ROLLBACK_COMPLETE: boom", -1).length - 1, "printed exactly once");
        String screen = screen();
        assertTrue(screen.contains("✗ s3    failed"), screen);
        assertTrue(screen.contains("- seed  skipped (needs s3, which failed)"), screen);
    }

    @Test
    void longLinesAreCutToTheTerminalWidth() {
        LiveRenderer narrow = new LiveRenderer(new PrintWriter(text), clock, false, 40, false);
        narrow.emit(new ProgressEvent.StepStarted(clock.instant(), "jupyter-alice", "notebook for alice with a very long title", "deploy"));
        assertTrue(screen().lines().allMatch(l -> l.length() <= 40), screen());
    }
}
