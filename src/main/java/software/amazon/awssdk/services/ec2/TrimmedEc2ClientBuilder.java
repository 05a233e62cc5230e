package software.amazon.awssdk.services.ec2;

import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.services.ec2.endpoints.Ec2EndpointProvider;

/**
 * The SDK's {@code DefaultEc2ClientBuilder}, line for line, except that {@link #buildClient()} makes a
 * {@link TrimmedEc2Client}. The whole client configuration (region, credentials, endpoint rules, auth
 * schemes, retry strategy, interceptors, plugins) is resolved by the SDK's generated
 * {@code DefaultEc2BaseClientBuilder}, which is package-private: that is why this class lives in the
 * SDK's package (hailctl's jar is on the class path, not a module, so the split package is allowed).
 */
final class TrimmedEc2ClientBuilder extends DefaultEc2BaseClientBuilder<Ec2ClientBuilder, Ec2Client>
        implements Ec2ClientBuilder {

    @Override
    public TrimmedEc2ClientBuilder endpointProvider(Ec2EndpointProvider endpointProvider) {
        clientConfiguration.option(SdkClientOption.ENDPOINT_PROVIDER, endpointProvider);
        return this;
    }

    @Override
    protected Ec2Client buildClient() {
        SdkClientConfiguration clientConfiguration = super.syncClientConfiguration();
        validateClientOptions(clientConfiguration);
        return new TrimmedEc2Client(clientConfiguration);
    }
}
