package software.amazon.awssdk.services.sagemaker;

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
import software.amazon.awssdk.protocols.core.ExceptionMetadata;
import software.amazon.awssdk.protocols.json.AwsJsonProtocol;
import software.amazon.awssdk.protocols.json.AwsJsonProtocolFactory;
import software.amazon.awssdk.protocols.json.JsonOperationMetadata;
import software.amazon.awssdk.services.sagemaker.internal.SageMakerServiceClientConfigurationBuilder;
import software.amazon.awssdk.services.sagemaker.model.ConflictException;
import software.amazon.awssdk.services.sagemaker.model.CreatePresignedNotebookInstanceUrlRequest;
import software.amazon.awssdk.services.sagemaker.model.CreatePresignedNotebookInstanceUrlResponse;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceRequest;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;
import software.amazon.awssdk.services.sagemaker.model.ResourceInUseException;
import software.amazon.awssdk.services.sagemaker.model.ResourceLimitExceededException;
import software.amazon.awssdk.services.sagemaker.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;
import software.amazon.awssdk.services.sagemaker.model.SageMakerRequest;
import software.amazon.awssdk.services.sagemaker.model.SageMakerResponse;
import software.amazon.awssdk.services.sagemaker.transform.CreatePresignedNotebookInstanceUrlRequestMarshaller;
import software.amazon.awssdk.services.sagemaker.transform.DescribeNotebookInstanceRequestMarshaller;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@link SageMakerClient} with only the operations hailctl calls (see {@code TrimmedEc2Client} for why
 * and what it keeps). The SDK's {@code DefaultSageMakerClient} has ~380 operations; `status` calls one.
 * Each operation is what the generated method does (javap of sagemaker-2.40.2): JSON 1.1 protocol, and
 * for every operation the same mapping of error codes to exception types ({@link #errorMetadata}).
 */
public final class TrimmedSageMakerClient implements SageMakerClient {
    private static final AwsProtocolMetadata PROTOCOL_METADATA = AwsProtocolMetadata.builder()
            .serviceProtocol(AwsServiceProtocol.AWS_JSON).build();

    private final SyncClientHandler clientHandler;
    private final AwsJsonProtocolFactory protocolFactory;
    private final SdkClientConfiguration clientConfiguration;

    TrimmedSageMakerClient(SdkClientConfiguration clientConfiguration) {
        this.clientHandler = new AwsSyncClientHandler(clientConfiguration);
        this.clientConfiguration = clientConfiguration.toBuilder().option(SdkClientOption.SDK_CLIENT, this)
                .option(SdkClientOption.API_METADATA, "SageMaker#2.40.x").build();
        this.protocolFactory = AwsJsonProtocolFactory.builder().clientConfiguration(this.clientConfiguration)
                .defaultServiceExceptionSupplier(SageMakerException::builder).protocol(AwsJsonProtocol.AWS_JSON)
                .protocolVersion("1.1").build();
    }

    /** The SDK's generated builder, whose {@code build()} makes this client. */
    public static SageMakerClientBuilder builder() {
        return new TrimmedSageMakerClientBuilder();
    }

    @Override
    public DescribeNotebookInstanceResponse describeNotebookInstance(DescribeNotebookInstanceRequest request) {
        return execute("DescribeNotebookInstance", request, DescribeNotebookInstanceResponse::builder,
                new DescribeNotebookInstanceRequestMarshaller(protocolFactory));
    }

    @Override
    public CreatePresignedNotebookInstanceUrlResponse createPresignedNotebookInstanceUrl(
            CreatePresignedNotebookInstanceUrlRequest request) {
        return execute("CreatePresignedNotebookInstanceUrl", request, CreatePresignedNotebookInstanceUrlResponse::builder,
                new CreatePresignedNotebookInstanceUrlRequestMarshaller(protocolFactory));
    }

    private <I extends SageMakerRequest, O extends SageMakerResponse> O execute(String operationName, I request,
                                                                              Supplier<SdkPojo> responseBuilder,
                                                                              Marshaller<I> marshaller) {
        JsonOperationMetadata operationMetadata = JsonOperationMetadata.builder().hasStreamingSuccessResponse(false)
                .isPayloadJson(true).build();
        HttpResponseHandler<O> responseHandler = protocolFactory.createResponseHandler(operationMetadata, responseBuilder);
        HttpResponseHandler<AwsServiceException> errorResponseHandler = protocolFactory.createErrorResponseHandler(
                operationMetadata, TrimmedSageMakerClient::errorMetadata);
        return TrimmedClientSupport.execute(clientHandler, clientConfiguration, SageMakerServiceClientConfigurationBuilder::new,
                PROTOCOL_METADATA, "SageMaker", operationName, request, responseHandler, errorResponseHandler, marshaller);
    }

    /** The generated per-operation error mapping (identical for every SageMaker operation in 2.40.2). */
    private static Optional<ExceptionMetadata> errorMetadata(String errorCode) {
        if (errorCode == null) {
            return Optional.empty();
        }
        switch (errorCode) {
            case "ResourceInUse":
                return Optional.of(ExceptionMetadata.builder().errorCode("ResourceInUse").httpStatusCode(400)
                        .exceptionBuilderSupplier(ResourceInUseException::builder).build());
            case "ConflictException":
                return Optional.of(ExceptionMetadata.builder().errorCode("ConflictException").httpStatusCode(400)
                        .exceptionBuilderSupplier(ConflictException::builder).build());
            case "ResourceNotFound":
                return Optional.of(ExceptionMetadata.builder().errorCode("ResourceNotFound").httpStatusCode(400)
                        .exceptionBuilderSupplier(ResourceNotFoundException::builder).build());
            case "ResourceLimitExceeded":
                return Optional.of(ExceptionMetadata.builder().errorCode("ResourceLimitExceeded").httpStatusCode(400)
                        .exceptionBuilderSupplier(ResourceLimitExceededException::builder).build());
            default:
                return Optional.empty();
        }
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public SageMakerServiceClientConfiguration serviceClientConfiguration() {
        return new SageMakerServiceClientConfigurationBuilder(clientConfiguration.toBuilder()).build();
    }

    @Override
    public void close() {
        clientHandler.close();
    }
}
