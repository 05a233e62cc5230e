package io.hailctl.deploy.seed;

import java.io.IOException;
import java.io.InputStream;

/**
 * One file to seed: its key in the bucket (e.g. {@code scripts/list-clusters}), its size, whether it
 * is meant to be run, and how to read it (read as often as needed: once per checksum and upload).
 */
public record SeedFile(String key, long size, boolean executable, Content content) {

    /** Opens the file's bytes; each call starts from the beginning. */
    @FunctionalInterface
    public interface Content {
        InputStream open() throws IOException;
    }

    /**
     * The mode recorded in the object's metadata ({@link #MODE_METADATA}): the notebook lifecycle
     * makes every script runnable anyway, the metadata keeps the intent visible in S3 and lets a
     * chmod alone count as a change.
     */
    public String mode() {
        return executable ? "0755" : "0644";
    }

    public static final String MODE_METADATA = "hailctl-mode";
}
