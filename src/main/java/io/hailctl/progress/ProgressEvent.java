package io.hailctl.progress;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * What a run reports as it goes. Renderers turn these into live terminal lines, plain CI log lines
 * or JSON lines; nothing else writes progress.
 */
public sealed interface ProgressEvent {
    Instant at();

    /** A step began; {@code action} says what it will do ("create", "update", "attach", "read", "sync", ...). */
    record StepStarted(Instant at, String step, String title, String action) implements ProgressEvent {
    }

    /** Something happened inside a step (a stack resource changed state, a build phase ended, a file uploaded). */
    record StepActivity(Instant at, String step, String resource, String status, Optional<String> reason)
            implements ProgressEvent {
    }

    /** A step ended well. {@code change}: created, updated, unchanged, read, deleted, ... */
    record StepFinished(Instant at, String step, String title, String change, Duration took,
                        Map<String, String> outputs, Optional<String> detail) implements ProgressEvent {
    }

    /** A step failed; {@code rootCause} is the first failure that explains it (resource and reason). */
    record StepFailed(Instant at, String step, String title, String rootCause, Duration took, Optional<String> hint)
            implements ProgressEvent {
    }

    /** A step did not run because a step it needs failed (or the run was interrupted). */
    record StepSkipped(Instant at, String step, String title, String why) implements ProgressEvent {
    }

    /** A message for the person (warnings, notes). */
    record Note(Instant at, String text) implements ProgressEvent {
    }
}
