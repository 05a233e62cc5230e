package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.testing.FaultProxy;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.TrimmedEc2Client;
import software.amazon.awssdk.services.ec2.model.ArchitectureValues;
import software.amazon.awssdk.services.ec2.model.Ec2Exception;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.LocationType;
import software.amazon.awssdk.services.ec2.model.Subnet;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link TrimmedEc2Client} against moto over HTTP: each operation hailctl calls gives what the SDK's
 * complete client gives, failures map to the same exceptions, retries and the write gate behave the same.
 */
@ExtendWith(MotoExtension.class)
class TrimmedEc2ClientIT {

    @Test
    void awsClientsHandsOutTheTrimmedClient(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            assertInstanceOf(TrimmedEc2Client.class, aws.ec2());
            assertFalse(aws.ec2AllOperations() instanceof TrimmedEc2Client);
        }
    }

    @Test
    void everyOperationAnswersAsTheCompleteClientDoes(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            Ec2Client trimmed = aws.ec2();
            Ec2Client complete = aws.ec2AllOperations();

            String vpc = trimmed.describeVpcs(r -> r.filters(Filter.builder().name("is-default").values("true").build()))
                    .vpcs().get(0).vpcId();
            assertEquals(complete.describeVpcs(r -> r.vpcIds(vpc)).vpcs(), trimmed.describeVpcs(r -> r.vpcIds(vpc)).vpcs());

            Filter inVpc = Filter.builder().name("vpc-id").values(vpc).build();
            List<Subnet> subnets = trimmed.describeSubnets(r -> r.filters(inVpc)).subnets();
            assertFalse(subnets.isEmpty());
            assertEquals(complete.describeSubnets(r -> r.filters(inVpc)).subnets(), subnets);
            List<Subnet> paged = new ArrayList<>();
            trimmed.describeSubnetsPaginator(r -> r.filters(inVpc).maxResults(5)).subnets().forEach(paged::add);
            assertEquals(subnets.size(), paged.size(), "the paginator follows NextToken through the trimmed client");

            var offerings = trimmed.describeInstanceTypeOfferings(r -> r.locationType(LocationType.AVAILABILITY_ZONE))
                    .instanceTypeOfferings();
            assertFalse(offerings.isEmpty());
            assertEquals(complete.describeInstanceTypeOfferings(r -> r.locationType(LocationType.AVAILABILITY_ZONE))
                    .instanceTypeOfferings(), offerings);

            String image = trimmed.registerImage(r -> r.name("trimmed-client-test").architecture(ArchitectureValues.X86_64)
                    .rootDeviceName("/dev/xvda")).imageId();
            trimmed.createTags(r -> r.resources(image).tags(Tag.builder().key("hailctl:test").value("yes").build()));
            Image mine = trimmed.describeImages(r -> r.imageIds(image)).images().get(0);
            assertEquals("trimmed-client-test", mine.name());
            assertTrue(mine.tags().contains(Tag.builder().key("hailctl:test").value("yes").build()), mine.tags().toString());
            assertEquals(complete.describeImages(r -> r.imageIds(image)).images(), List.of(mine));
        }
    }

    @Test
    void anErrorAnswerIsTheSameExceptionAsTheCompleteClientGives(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            Ec2Exception trimmed = assertThrows(Ec2Exception.class,
                    () -> aws.ec2().describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
            Ec2Exception complete = assertThrows(Ec2Exception.class,
                    () -> aws.ec2AllOperations().describeImages(r -> r.imageIds("ami-0123456789abcdef0")));
            assertEquals(complete.getClass(), trimmed.getClass());
            assertEquals(complete.awsErrorDetails().errorCode(), trimmed.awsErrorDetails().errorCode());
            assertEquals(complete.awsErrorDetails().serviceName(), trimmed.awsErrorDetails().serviceName());
            assertEquals(complete.statusCode(), trimmed.statusCode());
            assertEquals(AwsFailures.translate(complete).map(HailctlException::getMessage),
                    AwsFailures.translate(trimmed).map(HailctlException::getMessage));
        }
    }

    @Test
    void throttlingIsRetriedWithTheAttemptHeaderAsByTheCompleteClient(Moto moto) throws Exception {
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
                Ec2Client ec2 = useTrimmed ? aws.ec2() : aws.ec2AllOperations();
                proxy.add(ec2Throttling("DescribeVpcs", 2));
                assertFalse(ec2.describeVpcs().vpcs().isEmpty(), "succeeds on the third attempt");
                assertEquals(2, proxy.injected(), "trimmed=" + useTrimmed);
                assertEquals(3, proxy.requests(), "trimmed=" + useTrimmed);
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
                Ec2Client ec2 = useTrimmed ? aws.ec2() : aws.ec2AllOperations();
                proxy.add(ec2Throttling("DescribeSubnets", 1_000));
                Ec2Exception e = assertThrows(Ec2Exception.class, ec2::describeSubnets);
                requests.add(proxy.requests());
                codes.add(e.awsErrorDetails().errorCode());
            }
        }
        assertEquals(List.of(6, 6), requests, "trimmed, complete: hailctl's six attempts");
        assertEquals(List.of("RequestLimitExceeded", "RequestLimitExceeded"), codes);
    }

    @Test
    void writesPassTheGateAndReadsDoNotAsWithTheCompleteClient(Moto moto) {
        List<List<String>> askedByClient = new ArrayList<>();
        for (boolean useTrimmed : new boolean[] {true, false}) {
            List<String> asked = new CopyOnWriteArrayList<>();
            try (AwsClients aws = moto.clients()) {
                Ec2Client ec2 = useTrimmed ? aws.ec2() : aws.ec2AllOperations();
                aws.gateWrites((service, operation) -> {
                    asked.add(service + ":" + operation);
                    throw new HailctlException(ExitCode.REFUSED, "gate closed");
                });
                ec2.describeVpcs();
                HailctlException e = assertThrows(HailctlException.class,
                        () -> ec2.createTags(r -> r.resources("vpc-1").tags(Tag.builder().key("k").value("v").build())));
                assertEquals("gate closed", e.getMessage());
            }
            askedByClient.add(asked);
        }
        assertEquals(1, askedByClient.get(0).size(), askedByClient.toString());
        assertTrue(askedByClient.get(0).get(0).endsWith(":CreateTags"), askedByClient.toString());
        assertEquals(askedByClient.get(1), askedByClient.get(0), "trimmed, complete");
    }

    @Test
    void anUnreachableEndpointIsNamedInTheFailure() throws Exception {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        try (AwsClients aws = AwsClients.open(AwsTarget.emulator(URI.create("http://127.0.0.1:" + closedPort)), Map.of())) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> aws.ec2().describeVpcs());
            assertEquals("Cannot reach the AWS endpoint http://127.0.0.1:" + closedPort + " (Connection refused)",
                    AwsFailures.translate(e).orElseThrow().getMessage());
        }
    }

    /** EC2's throttling answer (503 RequestLimitExceeded in EC2's XML), for requests with {@code Action=action}. */
    private static FaultProxy.Fault ec2Throttling(String action, int times) {
        return new FaultProxy.Fault(body -> body.contains("Action=" + action + "&") || body.endsWith("Action=" + action),
                times, 503, "text/xml", new String(("<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response><Errors><Error>"
                + "<Code>RequestLimitExceeded</Code><Message>Request limit exceeded.</Message></Error></Errors>"
                + "<RequestID>fault-proxy</RequestID></Response>").getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }
}
