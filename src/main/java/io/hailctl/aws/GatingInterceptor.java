package io.hailctl.aws;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;

import java.util.function.Supplier;

/** Puts every write call of every client through the current {@link WriteGate}. */
final class GatingInterceptor implements ExecutionInterceptor {
    private final Supplier<WriteGate> gate;

    GatingInterceptor(Supplier<WriteGate> gate) {
        this.gate = gate;
    }

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
        String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (CallObserver.isWrite(operation)) {
            gate.get().beforeWrite(attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME), operation);
        }
    }
}
