package io.hailctl.progress;

/** Where progress events go. Implementations must be thread-safe: steps run in parallel. */
@FunctionalInterface
public interface ProgressSink {
    void emit(ProgressEvent event);

    ProgressSink NONE = e -> { };
}
