package io.hailctl.config;

import java.util.Objects;

/** Settings every user's SageMaker notebook gets unless the user's entry overrides them. */
public record NotebookDefaults(String instanceType, int volumeSizeGb, String platform, boolean directInternetAccess) {
    public static final NotebookDefaults DEFAULTS = new NotebookDefaults("ml.t3.medium", 20, "notebook-al2-v3", false);
    /** SageMaker's limits for a notebook's ML storage volume. */
    public static final int MIN_VOLUME_GB = 5;
    public static final int MAX_VOLUME_GB = 16384;

    public NotebookDefaults {
        Objects.requireNonNull(instanceType, "instanceType");
        Objects.requireNonNull(platform, "platform");
    }
}
