package io.hailctl.aws;

import io.hailctl.deploy.users.NotebookSignIn;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;

/** {@link NotebookSignIn} with CreatePresignedNotebookInstanceUrl. */
public final class SageMakerSignIn implements NotebookSignIn {
    private final SageMakerClient sageMaker;

    public SageMakerSignIn(SageMakerClient sageMaker) {
        this.sageMaker = sageMaker;
    }

    @Override
    public Link presignedUrl(String notebookInstanceName) {
        try {
            String url = sageMaker.createPresignedNotebookInstanceUrl(b -> b
                    .notebookInstanceName(notebookInstanceName)).authorizedUrl();
            return url == null || url.isBlank() ? new Link.Unavailable("SageMaker returned no URL")
                    : new Link.Presigned(url);
        } catch (AwsServiceException e) {
            // Not a failure of add-user: the notebook exists; only the shortcut to open it is missing.
            String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
            String message = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
            return new Link.Unavailable("SageMaker CreatePresignedNotebookInstanceUrl answered HTTP " + e.statusCode()
                    + (code == null || code.isBlank() ? "" : " " + code)
                    + (message == null || message.isBlank() ? "" : ": " + firstLine(message)));
        } catch (SdkException e) {
            return new Link.Unavailable(AwsFailures.translate(e).map(Throwable::getMessage).orElse(e.getMessage()));
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return (nl < 0 ? s : s.substring(0, nl)).trim();
    }
}
