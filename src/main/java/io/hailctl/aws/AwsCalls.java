package io.hailctl.aws;

import io.hailctl.HailctlException;
import software.amazon.awssdk.core.exception.SdkException;

import java.util.function.Supplier;

/** Ports never leak SDK exceptions: adapters run their calls through here. */
final class AwsCalls {
    private AwsCalls() {
    }

    static <T> T call(Supplier<T> call) {
        try {
            return call.get();
        } catch (SdkException e) {
            throw AwsFailures.translate(e).orElseThrow(() -> e);
        }
    }

    static void run(Runnable call) {
        call(() -> {
            call.run();
            return null;
        });
    }

    static HailctlException translated(SdkException e) {
        return AwsFailures.translate(e).orElseThrow(() -> e);
    }
}
