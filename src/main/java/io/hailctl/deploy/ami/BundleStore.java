package io.hailctl.deploy.ami;

import java.util.Map;
import java.util.Optional;

/** The S3 port for the Packer bundle. */
public interface BundleStore {

    /** The object's user metadata, empty when there is no such object. */
    Optional<Map<String, String>> metadata(String bucket, String key);

    void put(String bucket, String key, byte[] content, Map<String, String> metadata);
}
