package io.hailctl.local.timing;

import java.time.Duration;
import java.util.Objects;

/**
 * How long CloudFormation typically takes for one resource of a type, per operation.
 *
 * @param source where the figure comes from (documentation, or a stated estimate): every figure says
 */
public record ResourceDuration(Duration create, Duration update, Duration delete, String source) {
    public ResourceDuration {
        Objects.requireNonNull(source, "source");
        for (Duration d : new Duration[] {create, update, delete}) {
            if (d.isNegative()) {
                throw new IllegalArgumentException("negative duration " + d);
            }
        }
    }

    public Duration of(Operation op) {
        return switch (op) {
            case CREATE -> create;
            case UPDATE -> update;
            case DELETE -> delete;
        };
    }
}
