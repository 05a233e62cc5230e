package io.hailctl.aws;

import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpRequest;

/**
 * Names the endpoint in a failure to reach it: the SDK's "Connection refused" does not say where, and
 * with --endpoint-url or AWS_ENDPOINT_URL that is the first thing a user needs to check.
 */
final class EndpointInFailures implements ExecutionInterceptor {
    @Override
    public Throwable modifyException(Context.FailedExecution context, ExecutionAttributes attributes) {
        Throwable failure = context.exception();
        if (AwsFailures.networkCause(failure) == null || context.httpRequest().isEmpty()) {
            return failure;
        }
        SdkHttpRequest request = context.httpRequest().get();
        boolean standard = request.port() == ("https".equals(request.protocol()) ? 443 : 80);
        String endpoint = request.protocol() + "://" + request.host() + (standard ? "" : ":" + request.port());
        return AwsFailures.unreachable(endpoint, failure);
    }
}
