package io.hailctl.aws;

import io.hailctl.deploy.ReadPace;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * Puts every control-plane read of every client through the run's {@link ReadPace}, on the calling
 * thread, just before each attempt leaves (a retry is a request AWS counts too). Here, and not in the
 * runners, so that no read escapes the rule: pre-flight checks, lock look-ups and status reads included.
 */
final class ReadPacingInterceptor implements ExecutionInterceptor {
    private final Supplier<Optional<ReadPace>> pace;

    ReadPacingInterceptor(Supplier<Optional<ReadPace>> pace) {
        this.pace = pace;
    }

    /**
     * A control-plane read: an operation named Describe*, List*, Get* or BatchGet* of any service but S3.
     * S3 object and bucket traffic is data-plane traffic with its own, far higher limits. The same rule as
     * the time-true benchmark's "reads" (bench/lib/timetrue.py), so what it measures is what hailctl limits.
     */
    static boolean isControlPlaneRead(String service, String operation) {
        if (service == null || operation == null || service.equalsIgnoreCase("S3")) {
            return false;
        }
        return operation.startsWith("Describe") || operation.startsWith("List") || operation.startsWith("Get")
                || operation.startsWith("BatchGet");
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Optional<ReadPace> current = pace.get();
        if (current.isEmpty() || !isControlPlaneRead(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME))) {
            return;
        }
        try {
            current.get().acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw AbortedException.builder().message("interrupted while waiting for a read slot").cause(e).build();
        }
    }
}
