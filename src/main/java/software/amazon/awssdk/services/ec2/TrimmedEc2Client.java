package software.amazon.awssdk.services.ec2;

import io.hailctl.aws.TrimmedClientSupport;
import software.amazon.awssdk.awscore.client.handler.AwsSyncClientHandler;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.internal.AwsProtocolMetadata;
import software.amazon.awssdk.awscore.internal.AwsServiceProtocol;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.core.client.config.SdkClientConfiguration;
import software.amazon.awssdk.core.client.config.SdkClientOption;
import software.amazon.awssdk.core.client.handler.SyncClientHandler;
import software.amazon.awssdk.core.http.HttpResponseHandler;
import software.amazon.awssdk.core.runtime.transform.Marshaller;
import software.amazon.awssdk.protocols.query.AwsEc2ProtocolFactory;
import software.amazon.awssdk.services.ec2.internal.Ec2ServiceClientConfigurationBuilder;
import software.amazon.awssdk.services.ec2.model.CreateTagsRequest;
import software.amazon.awssdk.services.ec2.model.CreateTagsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeImagesRequest;
import software.amazon.awssdk.services.ec2.model.DescribeImagesResponse;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeInstanceTypeOfferingsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeSubnetsResponse;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsRequest;
import software.amazon.awssdk.services.ec2.model.DescribeVpcsResponse;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Ec2Request;
import software.amazon.awssdk.services.ec2.model.Ec2Response;
import software.amazon.awssdk.services.ec2.model.RegisterImageRequest;
import software.amazon.awssdk.services.ec2.model.RegisterImageResponse;
import software.amazon.awssdk.services.ec2.transform.CreateTagsRequestMarshaller;
import software.amazon.awssdk.services.ec2.transform.DescribeImagesRequestMarshaller;
import software.amazon.awssdk.services.ec2.transform.DescribeInstanceTypeOfferingsRequestMarshaller;
import software.amazon.awssdk.services.ec2.transform.DescribeSubnetsRequestMarshaller;
import software.amazon.awssdk.services.ec2.transform.DescribeVpcsRequestMarshaller;
import software.amazon.awssdk.services.ec2.transform.RegisterImageRequestMarshaller;

import java.util.function.Supplier;

/**
 * An {@link Ec2Client} with only the operations hailctl calls; every other operation is the
 * interface's default (UnsupportedOperationException).
 *
 * <p>Why: the SDK's {@code DefaultEc2Client} has ~750 operations. Loading it from the class-data-sharing
 * archive makes the JVM check its recorded verification constraints, and each operation's
 * "request type is an {@code SdkRequest}" constraint loads that request class: about 1,000 EC2 classes,
 * 20 MiB of resident memory, in every command that builds an EC2 client (BENCHMARKS.md, "Memory").
 *
 * <p>What it keeps: each operation is exactly what the generated {@code DefaultEc2Client} method does
 * (javap of ec2-2.40.2: all EC2 operations are the same sequence), through the SDK's own
 * {@link AwsSyncClientHandler}, generated marshallers and protocol factory, on the configuration the
 * SDK's generated builder resolves ({@link TrimmedEc2ClientBuilder}). Retries, interceptors, signing,
 * endpoint rules, metrics and error unmarshalling are therefore the SDK's. On an SDK upgrade, compare
 * {@link #execute} with a method of {@code javap -c -p software.amazon.awssdk.services.ec2.DefaultEc2Client}.
 * To call another operation, add it here (a one-line method); {@code TrimmedClientsTest} fails for an
 * operation hailctl calls that is missing.
 */
public final class TrimmedEc2Client implements Ec2Client {
    private static final AwsProtocolMetadata PROTOCOL_METADATA = AwsProtocolMetadata.builder()
            .serviceProtocol(AwsServiceProtocol.EC2).build();

    private final SyncClientHandler clientHandler;
    private final AwsEc2ProtocolFactory protocolFactory;
    private final SdkClientConfiguration clientConfiguration;

    TrimmedEc2Client(SdkClientConfiguration clientConfiguration) {
        this.clientHandler = new AwsSyncClientHandler(clientConfiguration);
        this.clientConfiguration = clientConfiguration.toBuilder().option(SdkClientOption.SDK_CLIENT, this)
                .option(SdkClientOption.API_METADATA, "EC2#2.40.x").build();
        this.protocolFactory = AwsEc2ProtocolFactory.builder().clientConfiguration(this.clientConfiguration)
                .defaultServiceExceptionSupplier(Ec2Exception::builder).build();
    }

    /** The SDK's generated builder, whose {@code build()} makes this client. */
    public static Ec2ClientBuilder builder() {
        return new TrimmedEc2ClientBuilder();
    }

    @Override
    public CreateTagsResponse createTags(CreateTagsRequest request) {
        return execute("CreateTags", request, CreateTagsResponse::builder, new CreateTagsRequestMarshaller(protocolFactory));
    }

    @Override
    public DescribeImagesResponse describeImages(DescribeImagesRequest request) {
        return execute("DescribeImages", request, DescribeImagesResponse::builder,
                new DescribeImagesRequestMarshaller(protocolFactory));
    }

    @Override
    public DescribeInstanceTypeOfferingsResponse describeInstanceTypeOfferings(DescribeInstanceTypeOfferingsRequest request) {
        return execute("DescribeInstanceTypeOfferings", request, DescribeInstanceTypeOfferingsResponse::builder,
                new DescribeInstanceTypeOfferingsRequestMarshaller(protocolFactory));
    }

    @Override
    public DescribeSubnetsResponse describeSubnets(DescribeSubnetsRequest request) {
        return execute("DescribeSubnets", request, DescribeSubnetsResponse::builder,
                new DescribeSubnetsRequestMarshaller(protocolFactory));
    }

    @Override
    public DescribeVpcsResponse describeVpcs(DescribeVpcsRequest request) {
        return execute("DescribeVpcs", request, DescribeVpcsResponse::builder, new DescribeVpcsRequestMarshaller(protocolFactory));
    }

    @Override
    public RegisterImageResponse registerImage(RegisterImageRequest request) {
        return execute("RegisterImage", request, RegisterImageResponse::builder,
                new RegisterImageRequestMarshaller(protocolFactory));
    }

    /** The body of every generated {@code DefaultEc2Client} operation, with the operation's types as parameters. */
    private <I extends Ec2Request, O extends Ec2Response> O execute(String operationName, I request,
                                                                    Supplier<SdkPojo> responseBuilder, Marshaller<I> marshaller) {
        HttpResponseHandler<O> responseHandler = protocolFactory.createResponseHandler(responseBuilder);
        HttpResponseHandler<AwsServiceException> errorResponseHandler = protocolFactory.createErrorResponseHandler();
        return TrimmedClientSupport.execute(clientHandler, clientConfiguration, Ec2ServiceClientConfigurationBuilder::new,
                PROTOCOL_METADATA, "EC2", operationName, request, responseHandler, errorResponseHandler, marshaller);
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public Ec2ServiceClientConfiguration serviceClientConfiguration() {
        return new Ec2ServiceClientConfigurationBuilder(clientConfiguration.toBuilder()).build();
    }

    @Override
    public void close() {
        clientHandler.close();
    }
}
