package software.amazon.awssdk.services.sagemaker;

import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.services.sagemaker.endpoints.SageMakerEndpointProvider;

/**
 * The SDK's {@code DefaultSageMakerClientBuilder}, line for line, except that {@link #buildClient()} makes a
 * {@link TrimmedSageMakerClient} (see {@code TrimmedEc2ClientBuilder} for why it lives in the SDK's package).
 */
final class TrimmedSageMakerClientBuilder extends DefaultSageMakerBaseClientBuilder<SageMakerClientBuilder, SageMakerClient>
        implements SageMakerClientBuilder {

    @Override
    public TrimmedSageMakerClientBuilder endpointProvider(SageMakerEndpointProvider endpointProvider) {
        clientConfiguration.option(SdkClientOption.ENDPOINT_PROVIDER, endpointProvider);
        return this;
    }

    @Override
    protected SageMakerClient buildClient() {
        SdkClientConfiguration clientConfiguration = super.syncClientConfiguration();
        validateClientOptions(clientConfiguration);
        return new TrimmedSageMakerClient(clientConfiguration);
    }
}
