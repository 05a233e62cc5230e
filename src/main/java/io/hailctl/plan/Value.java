package io.hailctl.plan;

/**
 * What a step input is: a literal known at plan time, or an output of another step (which makes
 * that step a dependency). This is the whole wiring language of the topology.
 */
public sealed interface Value permits Value.Literal, Value.OutputOf {

    static Value literal(String value) {
        return new Literal(value);
    }

    static Value outputOf(StepId step, String output) {
        return new OutputOf(step, output);
    }

    record Literal(String value) implements Value {
        public Literal {
            if (value == null) {
                throw new IllegalArgumentException("a literal needs a value (use \"\" for empty)");
            }
        }

        @Override
        public String toString() {
            return value;
        }
    }

    record OutputOf(StepId step, String output) implements Value {
        @Override
        public String toString() {
            return step + "." + output;
        }
    }
}
