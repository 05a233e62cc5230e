package io.hailctl.aws;

import software.amazon.awssdk.awscore.AwsRequest;
import software.amazon.awssdk.awscore.AwsResponse;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.internal.AwsProtocolMetadata;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.RequestOverrideConfiguration;
import software.amazon.awssdk.core.SdkPlugin;
import software.amazon.awssdk.core.SdkServiceClientConfiguration;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.client.handler.ClientExecutionParams;
import software.amazon.awssdk.core.client.handler.SyncClientHandler;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.metrics.CoreMetric;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.metrics.MetricCollector;
import software.amazon.awssdk.metrics.MetricPublisher;
import software.amazon.awssdk.metrics.NoOpMetricCollector;
import software.amazon.awssdk.retries.api.RetryStrategy;

import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The body every generated synchronous SDK client method has (javap of the 2.40.2 clients:
 * {@code DefaultEc2Client}, {@code DefaultSageMakerClient}), shared by the trimmed clients
 * ({@code software.amazon.awssdk.services.*.Trimmed*Client}). Only the protocol-specific response and
 * error handlers differ between services; the caller makes them exactly as its generated client does.
 * Stateless; on an SDK upgrade compare with a generated operation method.
 */
public final class TrimmedClientSupport {
    private TrimmedClientSupport() {
    }

    /** One operation through the SDK's client handler: as a generated {@code Default*Client} method does it. */
    public static <I extends AwsRequest, O extends AwsResponse> O execute(
            SyncClientHandler clientHandler, SdkClientConfiguration clientConfiguration,
            Function<SdkClientConfiguration.Builder, ? extends SdkServiceClientConfiguration.Builder> serviceConfiguration,
            AwsProtocolMetadata protocolMetadata, String serviceId, String operationName, I request,
            HttpResponseHandler<O> responseHandler, HttpResponseHandler<AwsServiceException> errorResponseHandler,
            Marshaller<I> marshaller) {
        SdkClientConfiguration requestConfiguration = updateSdkClientConfiguration(request, clientConfiguration,
                serviceConfiguration);
        List<MetricPublisher> metricPublishers = resolveMetricPublishers(requestConfiguration,
                request.overrideConfiguration().orElse(null));
        MetricCollector apiCallMetricCollector = metricPublishers.isEmpty() ? NoOpMetricCollector.create()
                : MetricCollector.create("ApiCall");
        try {
            apiCallMetricCollector.reportMetric(CoreMetric.SERVICE_ID, serviceId);
            apiCallMetricCollector.reportMetric(CoreMetric.OPERATION_NAME, operationName);
            return clientHandler.execute(new ClientExecutionParams<I, O>().withOperationName(operationName)
                    .withProtocolMetadata(protocolMetadata).withResponseHandler(responseHandler)
                    .withErrorResponseHandler(errorResponseHandler).withRequestConfiguration(requestConfiguration)
                    .withInput(request).withMetricCollector(apiCallMetricCollector).withMarshaller(marshaller));
        } finally {
            metricPublishers.forEach(p -> p.publish(apiCallMetricCollector.collect()));
        }
    }

    private static List<MetricPublisher> resolveMetricPublishers(SdkClientConfiguration clientConfiguration,
                                                                 RequestOverrideConfiguration requestOverrideConfiguration) {
        List<MetricPublisher> publishers = null;
        if (requestOverrideConfiguration != null) {
            publishers = requestOverrideConfiguration.metricPublishers();
        }
        if (publishers == null || publishers.isEmpty()) {
            publishers = clientConfiguration.option(SdkClientOption.METRIC_PUBLISHERS);
        }
        if (publishers == null) {
            publishers = Collections.emptyList();
        }
        return publishers;
    }

    private static SdkClientConfiguration updateSdkClientConfiguration(
            AwsRequest request, SdkClientConfiguration clientConfiguration,
            Function<SdkClientConfiguration.Builder, ? extends SdkServiceClientConfiguration.Builder> serviceConfiguration) {
        List<SdkPlugin> plugins = request.overrideConfiguration().map(c -> c.plugins()).orElse(Collections.emptyList());
        if (plugins.isEmpty()) {
            return clientConfiguration;
        }
        SdkClientConfiguration.Builder configuration = clientConfiguration.toBuilder();
        SdkServiceClientConfiguration.Builder serviceConfigBuilder = serviceConfiguration.apply(configuration);
        for (SdkPlugin plugin : plugins) {
            plugin.configureClient(serviceConfigBuilder);
        }
        updateRetryStrategyClientConfiguration(configuration);
        return configuration.build();
    }

    private static void updateRetryStrategyClientConfiguration(SdkClientConfiguration.Builder configuration) {
        ClientOverrideConfiguration.Builder builder = configuration.asOverrideConfigurationBuilder();
        RetryMode retryMode = builder.retryMode();
        if (retryMode != null) {
            configuration.option(SdkClientOption.RETRY_STRATEGY, AwsRetryStrategy.forRetryMode(retryMode));
        } else {
            Consumer<RetryStrategy.Builder<?, ?>> configurator = builder.retryStrategyConfigurator();
            if (configurator != null) {
                RetryStrategy.Builder<?, ?> defaultBuilder = AwsRetryStrategy.defaultRetryStrategy().toBuilder();
                configurator.accept(defaultBuilder);
                configuration.option(SdkClientOption.RETRY_STRATEGY, defaultBuilder.build());
            } else {
                RetryStrategy retryStrategy = builder.retryStrategy();
                if (retryStrategy != null) {
                    configuration.option(SdkClientOption.RETRY_STRATEGY, retryStrategy);
                }
            }
        }
        configuration.option(SdkClientOption.CONFIGURED_RETRY_MODE, null);
        configuration.option(SdkClientOption.CONFIGURED_RETRY_STRATEGY, null);
        configuration.option(SdkClientOption.CONFIGURED_RETRY_CONFIGURATOR, null);
    }
}
