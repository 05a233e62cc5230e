package io.hailctl.local.standin.codebuild;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.EmulatorAmiRecords;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.ec2.model.Image;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The stand-in's publish step on moto: the AMI, its tags and the SSM parameters a build of packer/ leaves. */
@ExtendWith(MotoExtension.class)
class AmiPublishIT {
    private static final Map<String, String> ENV = Map.of("ENVIRONMENT_NAME", "demo", "HAIL_VERSION", "0.2.139",
            "VEP_VERSION", "116", "EMR_RELEASE_LABEL", "emr-7.12.0", "AMI_PARAMETER_PREFIX", "/hail/demo/ami",
            "VEP_ASSEMBLIES", "GRCh38");

    @Test
    void publishesTheAmiWithPackersAndPublishAmisTagsAndBothParametersOncePerBuild(Moto moto) {
        try (AwsClients aws = moto.clients()) {
            AmiPublish publish = new AmiPublish(new EmulatorAmiRecords(aws.ec2(), aws.ssm()), "us-east-1");
            AmiPublish.Published p = publish.publish("demo-hail-ami:b1", ENV, Instant.parse("2026-12-04T10:00:00Z"));

            Image image = aws.ec2().describeImages(b -> b.imageIds(p.amiId())).images().get(0);
            Map<String, String> tags = new TreeMap<>();
            image.tags().forEach((Tag t) -> tags.put(t.key(), t.value()));
            assertEquals(new TreeMap<>(Map.ofEntries(Map.entry("managed-by", "hailctl"),
                    Map.entry("hailctl:environment", "demo"), Map.entry("hailctl:build-id", "demo-hail-ami:b1"),
                    Map.entry("Name", "hail-0.2.139-vep-116-emr-7.12.0-20261204100000"), Map.entry("hail-version", "0.2.139"),
                    Map.entry("vep-version", "116"), Map.entry("vep-assemblies", "GRCh38"), Map.entry("emr-release", "emr-7.12.0"),
                    Map.entry("packer-version", "1.15.0"), Map.entry("base-os", "al2023"),
                    Map.entry("hail-jar", "/usr/lib/hail/hail-all-spark.jar"), Map.entry("hail-python", "/usr/bin/python3.11"))),
                    tags);
            for (String name : List.of("/hail/demo/ami/latest", "/hail/demo/ami/0.2.139-vep-116")) {
                assertEquals(p.amiId(), aws.ssm().getParameter(b -> b.name(name)).parameter().value(), name);
            }
            assertEquals(List.of("publish-ami: " + p.amiId() + " (hail-0.2.139-vep-116-emr-7.12.0-20261204100000) in us-east-1",
                    "publish-ami: /hail/demo/ami/latest = " + p.amiId(),
                    "publish-ami: /hail/demo/ami/0.2.139-vep-116 = " + p.amiId()), p.output());

            AmiPublish.Published again = publish.publish("demo-hail-ami:b1", ENV, Instant.parse("2026-12-04T10:00:05Z"));
            assertEquals(p.amiId(), again.amiId(), "the same build publishes its AMI once");
            assertEquals(1, aws.ec2().describeImages(b -> b.owners("self")).images().size());
        }
    }
}
