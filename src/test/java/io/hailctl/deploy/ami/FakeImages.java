package io.hailctl.deploy.ami;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The AMIs of one account, in memory. */
final class FakeImages implements Images {
    private final Map<String, Image> images = Collections.synchronizedMap(new LinkedHashMap<>());
    private final List<String> tagged = Collections.synchronizedList(new ArrayList<>());

    /** Registers an AMI as packer/ does (its tags and those of publish-ami.sh). */
    Image register(String id, Instant created, Map<String, String> tags) {
        Image image = new Image(id, "hail-" + id, "available", created, tags);
        images.put(id, image);
        return image;
    }

    /** The tags an AMI of {@code buildId} gets from hail.pkr.hcl and publish-ami.sh (no bundle tag). */
    static Map<String, String> publishedTags(String env, String buildId, String hail, String vep, String emr) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("managed-by", "hailctl");
        tags.put("hailctl:environment", env);
        tags.put("hailctl:build-id", buildId);
        tags.put("hail-version", hail);
        tags.put("vep-version", vep);
        tags.put("emr-release", emr);
        return tags;
    }

    List<String> tagCalls() {
        return List.copyOf(tagged);
    }

    @Override
    public List<Image> ownedWithTags(Map<String, String> tags) {
        synchronized (images) {
            List<Image> out = new ArrayList<>(images.values().stream()
                    .filter(i -> tags.entrySet().stream().allMatch(t -> t.getValue().equals(i.tags().get(t.getKey()))))
                    .toList());
            out.sort(Comparator.comparing(Image::created).reversed());
            return out;
        }
    }

    @Override
    public Optional<Image> image(String id) {
        return Optional.ofNullable(images.get(id));
    }

    @Override
    public void tag(String id, Map<String, String> tags) {
        tagged.add(id + " " + tags);
        Image i = images.get(id);
        Map<String, String> merged = new LinkedHashMap<>(i.tags());
        merged.putAll(tags);
        images.put(id, new Image(i.id(), i.name(), i.state(), i.created(), merged));
    }
}
