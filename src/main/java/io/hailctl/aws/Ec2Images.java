package io.hailctl.aws;

import io.hailctl.deploy.ami.Images;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.model.Filter;
import software.amazon.awssdk.services.ec2.model.Tag;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Images} on EC2: AMIs owned by this account, found by their tags. */
public final class Ec2Images implements Images {
    private final Ec2Client ec2;

    public Ec2Images(Ec2Client ec2) {
        this.ec2 = ec2;
    }

    @Override
    public List<Images.Image> ownedWithTags(Map<String, String> tags) {
        List<Filter> filters = new ArrayList<>();
        tags.forEach((k, v) -> filters.add(Filter.builder().name("tag:" + k).values(v).build()));
        return AwsCalls.call(() -> {
            List<Images.Image> out = new ArrayList<>();
            ec2.describeImagesPaginator(b -> b.owners("self").filters(filters)).images().forEach(i -> out.add(toImage(i)));
            out.sort(Comparator.comparing(Images.Image::created).reversed());
            return out;
        });
    }

    @Override
    public Optional<Images.Image> image(String id) {
        try {
            return ec2.describeImages(b -> b.imageIds(id)).images().stream().findFirst().map(Ec2Images::toImage);
        } catch (AwsServiceException e) {
            String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
            if ("InvalidAMIID.NotFound".equals(code) || "InvalidAMIID.Malformed".equals(code)
                    || "InvalidAMIID.Unavailable".equals(code)) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void tag(String id, Map<String, String> tags) {
        List<Tag> list = new ArrayList<>();
        tags.forEach((k, v) -> list.add(Tag.builder().key(k).value(v).build()));
        AwsCalls.run(() -> ec2.createTags(b -> b.resources(id).tags(list)));
    }

    private static Images.Image toImage(software.amazon.awssdk.services.ec2.model.Image i) {
        Map<String, String> tags = new LinkedHashMap<>();
        i.tags().forEach(t -> tags.put(t.key(), t.value()));
        return new Images.Image(i.imageId(), i.name() == null ? "" : i.name(), i.stateAsString(), created(i.creationDate()),
                tags);
    }

    private static Instant created(String iso) {
        if (iso == null) {
            return Instant.EPOCH;
        }
        try {
            return Instant.parse(iso);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
