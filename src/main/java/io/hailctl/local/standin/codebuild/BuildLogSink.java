package io.hailctl.local.standin.codebuild;

import java.time.Instant;
import java.util.List;

/** The emulator's CloudWatch Logs, written as CodeBuild writes a build's log (implemented in aws). */
public interface BuildLogSink {
    /** One event. */
    record Event(Instant at, String message) {
    }

    /** Appends the events to the stream, creating the group and the stream when they do not exist. */
    void append(String group, String stream, List<Event> events);
}
