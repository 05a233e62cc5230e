package io.hailctl.local.standin.codebuild;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TemplateProjectTest {
    @Test
    void theResolvedPropertiesBecomeTheProjectCloudFormationWouldCreate() {
        Map<String, Object> properties = Map.of(
                "Name", "demo-hail-ami", "Description", "Packer", "ServiceRole", "arn:aws:iam::123456789012:role/r",
                "TimeoutInMinutes", "240", "QueuedTimeoutInMinutes", 60,
                "Source", Map.of("Type", "S3", "Location", "b/k.zip", "BuildSpec", "buildspec.yml"),
                "Environment", Map.of("Type", "LINUX_CONTAINER", "ComputeType", "BUILD_GENERAL1_SMALL", "Image", "img",
                        "EnvironmentVariables", List.of(Map.of("Name", "HAIL_VERSION", "Value", "0.2.139"),
                                Map.of("Name", "VEP_VERSION", "Value", "none"))),
                "LogsConfig", Map.of("CloudWatchLogs", Map.of("Status", "ENABLED", "GroupName", "/aws/codebuild/demo-hail-ami")),
                "Tags", List.of(Map.of("Key", "managed-by", "Value", "hailctl")));
        ProjectSettings p = TemplateProject.settings("demo-ami", "BuildProject", properties);
        assertEquals(new ProjectSettings("demo-hail-ami", "Packer", "arn:aws:iam::123456789012:role/r", "S3", "b/k.zip",
                "buildspec.yml", "LINUX_CONTAINER", "BUILD_GENERAL1_SMALL", "img",
                Map.of("HAIL_VERSION", "0.2.139", "VEP_VERSION", "none"), 240, 60, Optional.of("/aws/codebuild/demo-hail-ami"),
                Map.of("managed-by", "hailctl")), p);
        assertEquals(List.of("HAIL_VERSION", "VEP_VERSION"), List.copyOf(p.environmentVariables().keySet()), "in order");
    }

    @Test
    void withoutNameOrLogGroupCodeBuildsDefaultsApply() {
        ProjectSettings p = TemplateProject.settings("demo-ami", "BuildProject", Map.of("Source", Map.of("Type", "NO_SOURCE")));
        assertEquals("demo-ami-BuildProject", p.name());
        assertEquals("/aws/codebuild/demo-ami-BuildProject", p.logGroupOrDefault());
        assertEquals(60, p.timeoutInMinutes());
        assertEquals(480, p.queuedTimeoutInMinutes());
    }
}
