package io.hailctl.local.standin;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Service and operation read off the wire, as the SDK v2 sends them for each protocol. */
class AwsRequestTest {
    private static final String AUTH = "AWS4-HMAC-SHA256 Credential=test/20261204/us-east-1/%s/aws4_request, "
            + "SignedHeaders=host;x-amz-date, Signature=abc";

    @Test
    void queryProtocolTakesTheActionFromTheFormBody() {
        AwsRequest r = AwsRequest.of("POST", "/", "", Map.of(
                "Authorization", List.of(AUTH.formatted("cloudformation")),
                "Content-Type", List.of("application/x-www-form-urlencoded; charset=utf-8")),
                "Action=CreateStack&Version=2010-05-15&StackName=demo-s3&Parameters.member.1.ParameterKey=A%2FB"
                        .getBytes(StandardCharsets.UTF_8));
        assertEquals("cloudformation", r.service());
        assertEquals("CreateStack", r.operation());
        assertTrue(r.is("cloudformation", "CreateStack"));
        assertEquals("demo-s3", r.form().get("StackName"));
        assertEquals("A/B", r.form().get("Parameters.member.1.ParameterKey"));
    }

    @Test
    void jsonProtocolTakesTheOperationFromTheTarget() {
        AwsRequest r = AwsRequest.of("POST", "/", null, Map.of(
                "authorization", List.of(AUTH.formatted("codebuild")),
                "X-Amz-Target", List.of("CodeBuild_20161006.BatchGetBuilds"),
                "Content-Type", List.of("application/x-amz-json-1.1")), "{\"ids\":[]}".getBytes(StandardCharsets.UTF_8));
        assertEquals("codebuild", r.service());
        assertEquals("BatchGetBuilds", r.operation());
        assertEquals(Map.of(), r.form(), "a JSON body is not a form");
    }

    @Test
    void restS3HasAServiceButNoOperation() {
        AwsRequest r = AwsRequest.of("PUT", "/bucket/key", "", Map.of("Authorization", List.of(AUTH.formatted("s3"))), new byte[3]);
        assertEquals("s3", r.service());
        assertEquals("", r.operation());
    }

    @Test
    void aPresignedUrlCarriesItsScopeInTheQuery() {
        AwsRequest r = AwsRequest.of("GET", "/bucket/key",
                "X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20261204%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=x",
                Map.of(), new byte[0]);
        assertEquals("s3", r.service());
    }

    @Test
    void anUnsignedRequestHasNoService() {
        AwsRequest r = AwsRequest.of("GET", "/moto-api/", "", Map.of(), new byte[0]);
        assertEquals("", r.service());
        assertEquals("", r.operation());
    }
}
