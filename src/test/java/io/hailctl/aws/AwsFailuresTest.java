package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AwsFailuresTest {
    private static AwsServiceException error(String service, String code, String message, int status) {
        return AwsServiceException.builder().statusCode(status).message(message)
                .awsErrorDetails(AwsErrorDetails.builder().serviceName(service).errorCode(code).errorMessage(message).build())
                .build();
    }

    @Test
    void expiredSessionCredentialsAreAnAccessErrorThatSaysHowToRefreshAndResume() {
        HailctlException e = AwsFailures.translate(error("CloudFormation", "ExpiredToken",
                "The security token included in the request is expired", 400)).orElseThrow();
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals("CloudFormation: ExpiredToken: The security token included in the request is expired", e.getMessage());
        assertEquals("The AWS credentials expired: refresh them (`aws sso login --profile PROFILE` for SSO, or new "
                + "session credentials), then re-run the same command; it attaches to what is still running.", e.hint().orElseThrow());
    }

    @Test
    void anExpiredSsoSessionFromTheCredentialProviderIsAnAccessErrorToo() {
        HailctlException e = AwsFailures.translate(SdkClientException.create(
                "The SSO session associated with this profile has expired or is otherwise invalid. To refresh this SSO "
                        + "session run aws sso login with the corresponding profile.")).orElseThrow();
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertTrue(e.hint().orElseThrow().contains("aws sso login"), e.hint().toString());
    }

    @Test
    void accessDeniedIsAnAccessErrorAndOneLine() {
        HailctlException e = AwsFailures.translate(error("S3", "AccessDenied", "Access Denied\nmore", 403)).orElseThrow();
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals("S3: AccessDenied: Access Denied", e.getMessage());
        assertFalse(e.hint().orElseThrow().contains("expired"));
    }

    @Test
    void anAnswerThatBrokeOffIsRetriedLikeADroppedConnection() {
        assertTrue(AwsClients.brokenOffAnswer(SdkClientException.create(
                "Unable to unmarshall response (Could not parse XML response.). Response Code: 200, Response Text: OK")));
        assertTrue(AwsClients.brokenOffAnswer(SdkClientException.create("Could not parse XML response.")),
                "S3's wording for the same (the fault runs: 6 of 20 seeds failed on it)");
        assertFalse(AwsClients.brokenOffAnswer(SdkClientException.create("Unable to load credentials")));
        assertFalse(AwsClients.brokenOffAnswer(error("S3", "AccessDenied", "Access Denied", 403)));
    }

    private static AwsServiceException codeless(int announced, String received) {
        return AwsServiceException.builder().statusCode(400).awsErrorDetails(AwsErrorDetails.builder()
                .serviceName("CloudFormation").rawResponse(software.amazon.awssdk.core.SdkBytes.fromUtf8String(received))
                .sdkHttpResponse(software.amazon.awssdk.http.SdkHttpFullResponse.builder().statusCode(400)
                        .putHeader("Content-Length", Integer.toString(announced)).build()).build()).build();
    }

    @Test
    void anErrorAnswerThatBrokeOffIsRetriedButAWholeCodelessOneIsNot() {
        assertTrue(AwsClients.brokenOffAnswer(codeless(180, "<ErrorResponse><Error><Type>Sen")));
        assertFalse(AwsClients.brokenOffAnswer(codeless(5, "short")), "all announced bytes came: not broken off");
        assertFalse(AwsClients.brokenOffAnswer(error("CloudFormation", "ValidationError", "Stack does not exist", 400)));
    }
}
