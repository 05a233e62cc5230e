package io.hailctl.aws;

import io.hailctl.local.standin.codebuild.AmiRecords;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;
import software.amazon.awssdk.services.ssm.SsmClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@link AmiRecords} on EC2 and SSM, for the emulator's CodeBuild stand-in only (it registers an
 * image without an instance, which only an emulator accepts).
 */
public final class EmulatorAmiRecords implements AmiRecords {
    private final Ec2Client ec2;
    private final SsmClient ssm;

    public EmulatorAmiRecords(Ec2Client ec2, SsmClient ssm) {
        this.ec2 = ec2;
        this.ssm = ssm;
    }

    @Override
    public Optional<String> imageTagged(String key, String value) {
        return AwsCalls.call(() -> ec2.describeImages(b -> b.owners("self")
                .filters(Filter.builder().name("tag:" + key).values(value).build())).images().stream()
                .map(i -> i.imageId()).findFirst());
    }

    @Override
    public String register(String name, String description) {
        return AwsCalls.call(() -> ec2.registerImage(b -> b.name(name).description(description).architecture("x86_64")
                .rootDeviceName("/dev/xvda").virtualizationType("hvm").enaSupport(true)).imageId());
    }

    @Override
    public void tag(String imageId, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        AwsCalls.run(() -> ec2.createTags(b -> b.resources(imageId).tags(list)));
    }

    @Override
    public void putImageParameter(String name, String imageId, String description) {
        AwsCalls.run(() -> ssm.putParameter(b -> b.name(name).type("String").dataType("aws:ec2:image").value(imageId)
                .overwrite(true).description(description)));
    }
}
