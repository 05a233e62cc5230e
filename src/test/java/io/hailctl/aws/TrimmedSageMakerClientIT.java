package io.hailctl.aws;

import io.hailctl.HailctlException;
import io.hailctl.testing.FaultProxy;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.TrimmedSageMakerClient;
import software.amazon.awssdk.services.sagemaker.model.DescribeNotebookInstanceResponse;
import software.amazon.awssdk.services.sagemaker.model.SageMakerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link TrimmedSageMakerClient} against moto over HTTP, side by side with the SDK's complete client. */
@ExtendWith(MotoExtension.class)
class TrimmedSageMakerClientIT {
    private static final String ROLE = "arn:aws:iam::" + Moto.ACCOUNT + ":role/notebook";

    @Test
    void everyOperationAnswersAsTheCompleteClientDoes(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            SageMakerClient trimmed = aws.sageMaker();
            SageMakerClient complete = aws.sageMakerAllOperations();
            assertInstanceOf(TrimmedSageMakerClient.class, trimmed);
            complete.createNotebookInstance(r -> r.notebookInstanceName("trimmed-nb").instanceType("ml.t3.medium").roleArn(ROLE));

            DescribeNotebookInstanceResponse mine = trimmed.describeNotebookInstance(r -> r.notebookInstanceName("trimmed-nb"));
            assertEquals("trimmed-nb", mine.notebookInstanceName());
            DescribeNotebookInstanceResponse theirs = complete.describeNotebookInstance(r -> r.notebookInstanceName("trimmed-nb"));
            assertTrue(theirs.equalsBySdkFields(mine), "every field as the complete client reads it: " + theirs + " / " + mine);
        }
    }

    /** moto does not implement CreatePresignedNotebookInstanceUrl (HTTP 500): the request on the wire and the failure are compared. */
    @Test
    void signInSendsWhatTheCompleteClientSends(Moto moto) {
        List<List<String>> sent = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        for (boolean useTrimmed : new boolean[] {true, false}) {
            List<String> requests = new CopyOnWriteArrayList<>();
            ExecutionInterceptor wire = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    String body = context.requestBody().map(b -> {
                        try (var in = b.contentStreamProvider().newStream()) {
                            return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                        } catch (java.io.IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }).orElse("");
                    requests.add(context.httpRequest().method() + " " + context.httpRequest().encodedPath() + " "
                            + context.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("") + " " + body);
                }
            };
            try (AwsClients aws = moto.clients(List.of(wire))) {
                SageMakerClient sageMaker = useTrimmed ? aws.sageMaker() : aws.sageMakerAllOperations();
                SageMakerException e = assertThrows(SageMakerException.class,
                        () -> sageMaker.createPresignedNotebookInstanceUrl(r -> r.notebookInstanceName("trimmed-nb")));
                statuses.add(e.statusCode());
            }
            sent.add(requests);
        }
        assertEquals(sent.get(1), sent.get(0), "trimmed, complete");
        assertTrue(sent.get(0).get(0).contains("SageMaker.CreatePresignedNotebookInstanceUrl")
                && sent.get(0).get(0).contains("\"NotebookInstanceName\":\"trimmed-nb\""), sent.get(0).get(0));
        assertEquals(statuses.get(1), statuses.get(0));
    }

    @Test
    void anErrorAnswerIsTheSameExceptionAsTheCompleteClientGives(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            SageMakerException trimmed = assertThrows(SageMakerException.class,
                    () -> aws.sageMaker().describeNotebookInstance(r -> r.notebookInstanceName("no-such-notebook")));
            SageMakerException complete = assertThrows(SageMakerException.class,
                    () -> aws.sageMakerAllOperations().describeNotebookInstance(r -> r.notebookInstanceName("no-such-notebook")));
            assertEquals(complete.getClass(), trimmed.getClass());
            assertEquals(complete.awsErrorDetails().errorCode(), trimmed.awsErrorDetails().errorCode());
            assertEquals(complete.statusCode(), trimmed.statusCode());
            assertEquals(AwsFailures.translate(complete).map(HailctlException::getMessage),
                    AwsFailures.translate(trimmed).map(HailctlException::getMessage));
        }
    }

    @Test
    void throttlingIsRetriedWithTheAttemptHeaderAsByTheCompleteClient(Moto moto) throws Exception {
        try (AwsClients aws = moto.clients()) {
            aws.sageMakerAllOperations().createNotebookInstance(r -> r.notebookInstanceName("retried-nb")
                    .instanceType("ml.t3.medium").roleArn(ROLE));
        }
        for (boolean useTrimmed : new boolean[] {true, false}) {
            List<String> attempts = new CopyOnWriteArrayList<>();
            ExecutionInterceptor attemptHeaders = new ExecutionInterceptor() {
                @Override
                public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                    attempts.add(context.httpRequest().firstMatchingHeader("amz-sdk-request").orElse("none"));
                }
            };
            try (FaultProxy proxy = new FaultProxy(moto.endpoint());
                 AwsClients aws = AwsClients.open(AwsTarget.emulator(proxy.endpoint()), Map.of(), List.of(attemptHeaders))) {
                SageMakerClient sageMaker = useTrimmed ? aws.sageMaker() : aws.sageMakerAllOperations();
                proxy.add(jsonThrottling("DescribeNotebookInstance", 2));
                assertEquals("retried-nb", sageMaker.describeNotebookInstance(r -> r.notebookInstanceName("retried-nb"))
                        .notebookInstanceName());
                assertEquals(2, proxy.injected(), "trimmed=" + useTrimmed);
                assertEquals(List.of("attempt=1; max=6", "attempt=2; max=6", "attempt=3; max=6"), attempts,
                        "trimmed=" + useTrimmed);
            }
        }
    }

    @Test
    void throttlingThatNeverStopsEndsAfterTheSameSixAttempts(Moto moto) throws Exception {
        List<Integer> requests = new ArrayList<>();
        List<String> codes = new ArrayList<>();
        for (boolean useTrimmed : new boolean[] {true, false}) {
            try (FaultProxy proxy = new FaultProxy(moto.endpoint());
                 AwsClients aws = AwsClients.open(AwsTarget.emulator(proxy.endpoint()), Map.of())) {
                SageMakerClient sageMaker = useTrimmed ? aws.sageMaker() : aws.sageMakerAllOperations();
                proxy.add(jsonThrottling("DescribeNotebookInstance", 1_000));
                SageMakerException e = assertThrows(SageMakerException.class,
                        () -> sageMaker.describeNotebookInstance(r -> r.notebookInstanceName("any")));
                requests.add(proxy.requests());
                codes.add(e.awsErrorDetails().errorCode());
            }
        }
        assertEquals(List.of(6, 6), requests, "trimmed, complete: hailctl's six attempts");
        assertEquals(List.of("ThrottlingException", "ThrottlingException"), codes);
        assertFalse(codes.contains(null));
    }

    /** A JSON-protocol throttling answer for requests whose X-Amz-Target ends in {@code .operation}. */
    private static FaultProxy.Fault jsonThrottling(String operation, int times) {
        return new FaultProxy.Fault(described -> described.lines().findFirst().orElse("").endsWith("." + operation), times, 400,
                "application/x-amz-json-1.1", "{\"__type\":\"ThrottlingException\",\"message\":\"Rate exceeded\"}");
    }
}
