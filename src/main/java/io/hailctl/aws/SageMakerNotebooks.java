package io.hailctl.aws;

import io.hailctl.deploy.status.Notebooks;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;

import java.util.Optional;

/**
 * {@link Notebooks} on SageMaker. The URL is the one DescribeNotebookInstance gives (opening it
 * needs a console sign-in or a presigned URL; hailctl does not create presigned URLs here).
 */
public final class SageMakerNotebooks implements Notebooks {
    private final SageMakerClient sageMaker;

    public SageMakerNotebooks(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    @Override
    public Optional<Notebook> describe(String name) {
        try {
            DescribeNotebookInstanceResponse r = sageMaker.describeNotebookInstance(b -> b.notebookInstanceName(name));
            Optional<String> url = Optional.ofNullable(r.url()).filter(u -> !u.isEmpty())
                    .map(u -> u.startsWith("https://") ? u : "https://" + u);
            return Optional.of(new Notebook(r.notebookInstanceName(), r.notebookInstanceStatusAsString(),
                    r.instanceTypeAsString(), url, Optional.ofNullable(r.lastModifiedTime()),
                    Optional.ofNullable(r.failureReason()).filter(f -> !f.isEmpty())));
        } catch (AwsServiceException e) {
            // SageMaker answers an unknown name with ValidationException "RecordNotFound".
            String message = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
            if (message.contains("RecordNotFound") || message.contains("does not exist")) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
