package io.hailctl.config;

import java.util.List;
import java.util.Objects;

/** The three S3 buckets: Hail (VEP cache and config), logs (EMR logs), Jupyter (notebook backups, shared content). */
public record Buckets(String hail, String logs, String jupyter) {
    public Buckets {
        Objects.requireNonNull(hail, "hail");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(jupyter, "jupyter");
    }

    public List<String> all() {
        return List.of(hail, logs, jupyter);
    }
}
