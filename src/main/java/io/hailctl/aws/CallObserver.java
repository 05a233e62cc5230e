package io.hailctl.aws;

import java.time.Duration;

/**
 * Told about every AWS API call a client makes: `-v` prints them, tests count them (e.g. "a second
 * deploy makes no write call"). Speaks plain strings so nothing outside this package sees the SDK.
 */
@FunctionalInterface
public interface CallObserver {
    void called(String service, String operation, int httpStatus, Duration took);

    CallObserver NONE = (service, operation, status, took) -> { };

    default CallObserver and(CallObserver other) {
        return (service, operation, status, took) -> {
            called(service, operation, status, took);
            other.called(service, operation, status, took);
        };
    }

    /** Whether an operation changes something (anything but Describe/List/Get/Head/Batch-get style reads). */
    static boolean isWrite(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.startsWith("Head") || operation.startsWith("BatchGet") || operation.equals("LookupEvents")
                || operation.startsWith("Filter"));
    }
}
