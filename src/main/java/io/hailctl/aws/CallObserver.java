package io.hailctl.aws;

import java.time.Duration;
import java.util.List;

/**
 * Told about every AWS API call a client makes: `-v` prints them, tests count them (e.g. "a second
 * deploy makes no write call"). Speaks plain strings so nothing outside this package sees the SDK.
 */
@FunctionalInterface
public interface CallObserver {
    void called(String service, String operation, int httpStatus, Duration took);

    /**
     * As {@link #called(String, String, int, Duration)}, with what the SDK retried on the way: one
     * entry per failed attempt, oldest first (an HTTP status, or "no response" for a timeout or a
     * dropped connection). Observers that care about retries override this one.
     */
    default void called(String service, String operation, int httpStatus, Duration took, List<String> retried) {
        called(service, operation, httpStatus, took);
    }

    CallObserver NONE = (service, operation, status, took) -> { };

    default CallObserver and(CallObserver other) {
        CallObserver first = this;
        return new CallObserver() {
            @Override
            public void called(String service, String operation, int status, Duration took) {
                called(service, operation, status, took, List.of());
            }

            @Override
            public void called(String service, String operation, int status, Duration took, List<String> retried) {
                first.called(service, operation, status, took, retried);
                other.called(service, operation, status, took, retried);
            }
        };
    }

    /**
     * Whether an operation changes something (anything but Describe/List/Get/Head/Batch-get style reads).
     * CreatePresigned*Url only hands out a sign-in link: no resource changes.
     */
    static boolean isWrite(String operation) {
        return !(operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.startsWith("Head") || operation.startsWith("BatchGet") || operation.equals("LookupEvents")
                || operation.startsWith("Filter") || operation.startsWith("CreatePresigned"));
    }
}
