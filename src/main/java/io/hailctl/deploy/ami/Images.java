package io.hailctl.deploy.ami;

import java.time.Instant;
import java.util.Map;
import java.util.List;
import java.util.Optional;

/** The EC2 port for AMIs this account built. */
public interface Images {

    /** Images owned by this account that carry every one of {@code tags}, newest first. */
    List<Image> ownedWithTags(Map<String, String> tags);

    Optional<Image> image(String id);

    /** Adds (or overwrites) tags on an image. */
    void tag(String id, Map<String, String> tags);

    record Image(String id, String name, String state, Instant created, Map<String, String> tags) {
        public Image {
            tags = Map.copyOf(tags);
        }

        public String tag(String key) {
            return tags.getOrDefault(key, "");
        }

        public boolean available() {
            return "available".equals(state);
        }
    }
}
