package io.hailctl.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Reports each API call (one per operation, after retries) to a {@link CallObserver}, with the
 * attempts the SDK retried: every attempt passes {@code beforeTransmission}; one that got an
 * answer also passes {@code afterTransmission}, so an attempt without it got none (timeout, reset).
 */
final class ObservingInterceptor implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> STARTED = new ExecutionAttribute<>("hailctl.started");
    private static final ExecutionAttribute<Attempts> ATTEMPTS = new ExecutionAttribute<>("hailctl.attempts");

    private final CallObserver observer;

    ObservingInterceptor(CallObserver observer) {
        this.observer = observer;
    }

    /** The outcome of each attempt so far: an HTTP status, or 0 while (or when) none came back. */
    private static final class Attempts {
        private final List<Integer> statuses = new ArrayList<>();

        synchronized void started() {
            statuses.add(0);
        }

        synchronized void answered(int status) {
            if (!statuses.isEmpty()) {
                statuses.set(statuses.size() - 1, status);
            }
        }

        /** Every attempt but the last, as people read them. */
        synchronized List<String> retried() {
            List<String> out = new ArrayList<>();
            for (int i = 0; i < statuses.size() - 1; i++) {
                int status = statuses.get(i);
                // A success status on an attempt that was retried: the answer broke off while being read.
                out.add(status == 0 ? "no response" : status < 300 ? status + " cut off" : String.valueOf(status));
            }
            return out;
        }
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        attributes.putAttribute(STARTED, System.nanoTime());
        attributes.putAttribute(ATTEMPTS, new Attempts());
    }

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.started();
        }
    }

    @Override
    public void afterTransmission(Context.AfterTransmission context, ExecutionAttributes attributes) {
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        if (attempts != null) {
            attempts.answered(context.httpResponse().statusCode());
        }
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
        Attempts attempts = attributes.getAttribute(ATTEMPTS);
        observer.called(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME),
                attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME), status, took,
                attempts == null ? List.of() : attempts.retried());
    }
}
