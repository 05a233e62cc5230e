package io.hailctl.local.standin.cfn;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What moto forgets on an UpdateStack, kept: moto "updates" a resource whose type has no update
 * handler (an {@code AWS::EMR::Cluster}, an {@code AWS::EMR::InstanceGroupConfig}) by dropping it from
 * the stack, though the resource itself lives on (the cluster keeps its id in moto's EMR). The stack
 * then has no physical id for it, and every output that refers to it vanishes. CloudFormation updates
 * such properties in place (a core group's InstanceCount, an AutoTerminationPolicy, a
 * ManagedScalingPolicy: none is create-only), so the resource keeps its physical id: this remembers it
 * and lays it over what moto reports. Limit: a change AWS would answer by replacing the resource (a
 * create-only property such as ReleaseLabel) keeps the old resource here too.
 */
public final class KeptResources implements DeployedStacks {
    private final DeployedStacks moto;
    /** Stack id to logical id to the physical id moto dropped. */
    private final Map<String, Map<String, String>> kept = new ConcurrentHashMap<>();

    public KeptResources(DeployedStacks moto) {
        this.moto = moto;
    }

    /** The stack as CloudFormation would report it: moto's, with the physical ids moto dropped. */
    @Override
    public Optional<DeployedStack> find(String stackNameOrId) {
        return moto.find(stackNameOrId).map(this::overlaid);
    }

    private DeployedStack overlaid(DeployedStack s) {
        Map<String, String> ids = kept.getOrDefault(s.stackId(), Map.of());
        return ids.isEmpty() ? s : new DeployedStack(s.stackId(), s.name(), s.template(), s.facts().withPhysicalIds(ids), s.types());
    }

    /**
     * After moto accepted an UpdateStack: each resource that had a physical id before, is still in the
     * template (its condition holding) and has none in moto now keeps its id.
     *
     * @param before the stack just before the update, as {@link #find} reported it
     */
    void updated(DeployedStack before, String stackNameOrId) {
        moto.find(stackNameOrId).ifPresent(after -> {
            Map<String, String> keep = new LinkedHashMap<>();
            Intrinsics now = after.intrinsics();
            for (String id : after.template().resources().keySet()) {
                Optional<String> was = before.facts().physicalId(id);
                if (was.isPresent() && after.facts().physicalId(id).isEmpty() && createdIn(now, id)
                        && after.template().type(id).equals(before.template().type(id))) {
                    keep.put(id, was.get());
                }
            }
            if (keep.isEmpty()) {
                kept.remove(after.stackId());
            } else {
                kept.put(after.stackId(), Map.copyOf(keep));
            }
        });
    }

    private static boolean createdIn(Intrinsics intrinsics, String logicalId) {
        try {
            return intrinsics.created(logicalId);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Logical id to physical id of the resources moto dropped from this stack. */
    Map<String, String> kept(String stackId) {
        return kept.getOrDefault(stackId, Map.of());
    }

    boolean keepsAny() {
        return !kept.isEmpty();
    }

    /** True when the stack has resources moto dropped (its outputs need recomputing). */
    boolean keepsFor(String stackId) {
        return kept.containsKey(stackId);
    }

    /**
     * The stack's outputs as CloudFormation would report them: each output whose condition holds and
     * whose value resolves (an output that cannot be resolved is left out, as moto leaves it out).
     */
    static Map<String, String> outputs(DeployedStack stack) {
        Intrinsics intrinsics = stack.intrinsics();
        Map<String, String> out = new LinkedHashMap<>();
        stack.template().section("Outputs").forEach((key, definition) -> {
            Map<String, Object> d = CfnTemplate.map(definition);
            try {
                Object condition = d.get("Condition");
                if (condition == null || intrinsics.condition(String.valueOf(condition))) {
                    Object value = intrinsics.resolve(d.get("Value"));
                    if (value != null) {
                        out.put(key, String.valueOf(value));
                    }
                }
            } catch (RuntimeException e) {
                // Unresolvable here (an attribute the emulator does not know): left out, as moto does.
            }
        });
        return out;
    }

    void deleted(String stackId) {
        kept.remove(stackId);
    }

    void reset() {
        kept.clear();
    }
}
