package io.hailctl.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;

/** Reports each API call (one per operation, after retries) to a {@link CallObserver}. */
final class ObservingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("hailctl.started");

    private final CallObserver observer;

    ObservingInterceptor(CallObserver observer) {
        this.observer = observer;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        report(attributes, context.httpResponse().statusCode());
    }

    @Override
    public void onExecutionFailure(Context.FailedExecution context, ExecutionAttributes attributes) {
        report(attributes, context.httpResponse().map(r -> r.statusCode()).orElse(0));
    }

    private void report(ExecutionAttributes attributes, int status) {
        Long started = attributes.getAttribute(STARTED);
        Duration took = started == null ? Duration.ZERO : Duration.ofNanos(System.nanoTime() - started);
        observer.called(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), status, took);
    }
}
