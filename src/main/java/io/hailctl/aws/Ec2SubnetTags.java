package io.hailctl.aws;

import io.hailctl.deploy.network.SubnetTags;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link SubnetTags} on EC2. */
public final class Ec2SubnetTags implements SubnetTags {
    private final Ec2Client ec2;
    private final Optional<SubnetTagsSeen> tagsSeen;

    public Ec2SubnetTags(Ec2Client ec2) {
        this(ec2, Optional.empty());
    }

    /** Answering from {@code tagsSeen} when the run has just described the subnet. */
    public Ec2SubnetTags(Ec2Client ec2, Optional<SubnetTagsSeen> tagsSeen) {
        this.ec2 = ec2;
        this.tagsSeen = tagsSeen;
    }

    @Override
    public Map<String, String> tags(String subnetId) {
        Optional<Map<String, String>> recent = tagsSeen.flatMap(seen -> seen.recent(subnetId));
        if (recent.isPresent()) {
            return recent.get();
        }
        return AwsCalls.call(() -> {
            Map<String, String> out = new LinkedHashMap<>();
            ec2.describeSubnets(b -> b.subnetIds(subnetId)).subnets().forEach(s -> s.tags().forEach(t -> out.put(t.key(), t.value())));
            return out;
        });
    }

    @Override
    public void add(String subnetId, Map<String, String> tags) {
        tagsSeen.ifPresent(seen -> seen.forget(subnetId));
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        AwsCalls.run(() -> ec2.createTags(b -> b.resources(subnetId).tags(list)));
    }
}
