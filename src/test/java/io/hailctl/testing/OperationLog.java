package io.hailctl.testing;

import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Records every successful call as "Service.Operation" ("S3.PutObject key" for uploads), to assert what a run wrote. */
public final class OperationLog implements ExecutionInterceptor {
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        String call = attributes.getAttribute(SdkExecutionAttribute.SERVICE_NAME) + "."
                + attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
        if (context.request() instanceof PutObjectRequest put) {
            call += " " + put.key();
        }
        calls.add(call);
    }

    public List<String> calls() {
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    public List<String> matching(String prefix) {
        return calls().stream().filter(c -> c.startsWith(prefix)).toList();
    }

    public void clear() {
        calls.clear();
    }
}
