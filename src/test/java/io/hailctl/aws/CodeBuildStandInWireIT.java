package io.hailctl.aws;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.bundle.Bundle;
import io.hailctl.deploy.ami.Build;
import io.hailctl.deploy.ami.BuildLogs;
import io.hailctl.deploy.ami.BuildStatus;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.local.standin.codebuild.CodeBuildApi;
import io.hailctl.local.standin.codebuild.CodeBuildStandIn;
import io.hailctl.local.standin.codebuild.ProjectSettings;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.codebuild.CodeBuildClient;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The CodeBuild stand-in's JSON as the SDK and hailctl's own adapters read it: a CodeBuild client
 * whose HTTP layer hands StartBuild / BatchGetBuilds / ListBuildsForProject to {@link CodeBuildApi}
 * (no network in between: what is tested is the wire format), everything else on moto.
 */
@ExtendWith(MotoExtension.class)
class CodeBuildStandInWireIT {
    private static final String PROJECT = "demo-hail-ami";
    private final FakeClock clock = new FakeClock(Instant.now());
    private AwsClients moto;
    private CodeBuildClient codeBuild;

    @BeforeEach
    void setUp(Moto server) {
        moto = server.clients();
        new EmulatorCodeBuildProjects(moto.codeBuild()).put(new ProjectSettings(PROJECT, "", "arn:aws:iam::123456789012:role/r",
                "S3", "b/k.zip", "buildspec.yml", "LINUX_CONTAINER", "BUILD_GENERAL1_SMALL", "img",
                Map.of("ENVIRONMENT_NAME", "demo", "HAIL_VERSION", "0.2.139", "VEP_VERSION", "none",
                        "EMR_RELEASE_LABEL", "emr-7.12.0"), 240, 60, Optional.of("/aws/codebuild/" + PROJECT), Map.of()));
        CodeBuildStandIn standIn = new CodeBuildStandIn(new EmulatorCodeBuildProjects(moto.codeBuild()),
                new EmulatorBuildRecords(moto.ssm()), new EmulatorBuildLogs(moto.logs()),
                new EmulatorAmiRecords(moto.ec2(), moto.ssm()), "us-east-1", new Bundle().text("packer/buildspec.yml"),
                Duration.ofSeconds(1), Map.of(), clock);
        CodeBuildApi api = new CodeBuildApi(standIn, "us-east-1", "123456789012");
        codeBuild = CodeBuildClient.builder().region(Region.US_EAST_1).endpointOverride(URI.create("http://stand-in"))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(new Answering(api)).build();
    }

    @AfterEach
    void tearDown() {
        codeBuild.close();
        moto.close();
    }

    @Test
    void hailctlsAdaptersReadTheStandInsBuildsPhasesEnvironmentAndLog() {
        CodeBuildBuilds builds = new CodeBuildBuilds(codeBuild);
        Build started = builds.start(PROJECT, Map.of("VEP_VERSION", "116"));
        assertEquals(BuildStatus.IN_PROGRESS, started.status());
        assertEquals("116", started.environment().get("VEP_VERSION"), "overrides are kept, unlike moto's");
        assertEquals(240, started.timeoutMinutes());
        assertEquals(List.of(started.id()), builds.recentBuildIds(PROJECT, 20));

        clock.advance(Duration.ofSeconds(30));
        Build done = builds.builds(List.of(started.id())).get(0);
        assertEquals(BuildStatus.SUCCEEDED, done.status());
        assertEquals("COMPLETED", done.currentPhase());
        assertEquals(11, done.phases().size());
        assertEquals(Optional.of(1L), done.phases().get(6).durationSeconds().map(Long::valueOf));
        assertTrue(done.endTime().isPresent());
        Build.LogLocation where = done.logs().orElseThrow();
        assertEquals("/aws/codebuild/" + PROJECT, where.group());

        BuildLogs.Page page = new CloudWatchBuildLogs(moto.logs()).after(where, Optional.empty());
        assertTrue(page.lines().stream().anyMatch(l -> l.endsWith("Running command packer build -color=false -timestamp-ui .")),
                page.lines().toString());
        String ami = moto.ssm().getParameter(r -> r.name("/hail/demo/ami/0.2.139-vep-116")).parameter().value();
        assertTrue(page.lines().contains("publish-ami: /hail/demo/ami/latest = " + ami), page.lines().toString());

        HailctlException missing = assertThrows(HailctlException.class, () -> builds.start("other-hail-ami", Map.of()));
        assertEquals(ExitCode.REFUSED, missing.exitCode());
        assertEquals("CodeBuild project other-hail-ami does not exist", missing.getMessage());
    }

    /** An SDK HTTP client that answers with the stand-in's API. */
    private record Answering(CodeBuildApi api) implements SdkHttpClient {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() throws IOException {
                    String target = request.httpRequest().firstMatchingHeader("X-Amz-Target").orElse("");
                    String body = request.contentStreamProvider().isPresent()
                            ? new String(request.contentStreamProvider().get().newStream().readAllBytes(), StandardCharsets.UTF_8)
                            : "";
                    CodeBuildApi.Answer a = api.answer(target.substring(target.indexOf('.') + 1), body)
                            .orElse(new CodeBuildApi.Answer(500, "{\"__type\":\"NotForTheStandIn\"}"));
                    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder().response(SdkHttpResponse.builder().statusCode(a.status())
                                    .putHeader("Content-Type", "application/x-amz-json-1.1")
                                    .putHeader("Content-Length", Integer.toString(bytes.length)).build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes))).build();
                }

                @Override
                public void abort() {
                }
            };
        }

        @Override
        public void close() {
        }
    }
}
