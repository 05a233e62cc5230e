package io.hailctl.deploy;

import io.hailctl.plan.Step;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Value;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A step's inputs after resolution. In a preview, an input may still be unknown (its source step
 * does not exist yet); {@link #describe(String)} then says where it will come from.
 */
public final class Inputs {
    private final Map<String, Value> declared;
    private final Map<String, String> known;

    public Inputs(Map<String, Value> declared, Map<String, String> known) {
        this.declared = io.hailctl.plan.Ordered.copy(declared);
        this.known = io.hailctl.plan.Ordered.copy(known);
    }

    public static Inputs resolved(Map<String, String> values) {
        Map<String, Value> declared = new LinkedHashMap<>();
        values.forEach((k, v) -> declared.put(k, Value.literal(v)));
        return new Inputs(declared, values);
    }

    /**
     * A step's inputs given the outputs known so far (by step): literals as they are, outputs of
     * other steps when known. The engine and `status` (drift) resolve through here alike.
     */
    public static Inputs resolve(Step step, Map<StepId, Map<String, String>> outputs) {
        Map<String, String> known = new LinkedHashMap<>();
        for (Map.Entry<String, Value> in : step.inputs().entrySet()) {
            Value v = in.getValue();
            if (v instanceof Value.Literal l) {
                known.put(in.getKey(), l.value());
            } else if (v instanceof Value.OutputOf o) {
                Map<String, String> from = outputs.get(o.step());
                if (from != null && from.containsKey(o.output())) {
                    known.put(in.getKey(), from.get(o.output()));
                }
            }
        }
        return new Inputs(step.inputs(), known);
    }

    public String get(String name) {
        String v = known.get(name);
        if (v == null) {
            throw new IllegalStateException("input " + name + " is not known yet (" + describe(name) + ")");
        }
        return v;
    }

    public Optional<String> known(String name) {
        return Optional.ofNullable(known.get(name));
    }

    public boolean allKnown() {
        return known.keySet().containsAll(declared.keySet());
    }

    /** Every known input, in declaration order. */
    public Map<String, String> values() {
        Map<String, String> out = new LinkedHashMap<>();
        declared.keySet().forEach(k -> {
            if (known.containsKey(k)) {
                out.put(k, known.get(k));
            }
        });
        return out;
    }

    /** For people: the value, or where it will come from. */
    public String describe(String name) {
        String v = known.get(name);
        Value d = declared.get(name);
        if (v != null) {
            return d instanceof Value.OutputOf o ? v + " (from " + o + ")" : v;
        }
        return d == null ? "(not declared)" : "(from " + d + " once deployed)";
    }

    public Map<String, Value> declared() {
        return declared;
    }
}
