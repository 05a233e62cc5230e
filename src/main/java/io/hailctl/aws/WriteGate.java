package io.hailctl.aws;

/**
 * Asked before every AWS call that changes something ({@link CallObserver#isWrite}), on the calling
 * thread and before the request leaves: the environment lock is taken here, so it is taken lazily,
 * just before a run's first real write, and never by a run that only reads. Throwing stops the call.
 */
@FunctionalInterface
public interface WriteGate {
    void beforeWrite(String service, String operation);

    WriteGate OPEN = (service, operation) -> { };
}
