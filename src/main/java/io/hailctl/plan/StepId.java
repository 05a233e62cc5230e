package io.hailctl.plan;

/** The name of a step in a plan, e.g. {@code s3}, {@code jupyter-alice}, {@code emr-hail}. */
public record StepId(String value) implements Comparable<StepId> {
    public StepId {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("a step id is required");
        }
    }

    public static StepId of(String value) {
        return new StepId(value);
    }

    @Override
    public int compareTo(StepId o) {
        return value.compareTo(o.value);
    }

    @Override
    public String toString() {
        return value;
    }
}
