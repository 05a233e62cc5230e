package io.hailctl.plan;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * One unit of work in a plan. A step declares its inputs (literals or other steps' outputs) and the
 * names of the outputs it produces; dependencies are derived from the inputs, never declared twice.
 */
public sealed interface Step permits StackStep, SeedStep, FileSystemPolicyStep, AccessPointStep, AmiStep,
        Deletion, SubnetTagStep, PackerBundleStep {

    StepId id();

    /** For people: "notebook for alice", "buckets". */
    String title();

    Component component();

    Map<String, Value> inputs();

    /** The outputs this step promises to produce (checked when the plan is built). */
    Set<String> outputs();

    /** What applying this step does, for progress lines: "deploy" (most steps) or "delete". */
    default String applyVerb() {
        return "deploy";
    }

    default Set<StepId> dependsOn() {
        Set<StepId> deps = new TreeSet<>();
        for (Value v : inputs().values()) {
            if (v instanceof Value.OutputOf o) {
                deps.add(o.step());
            }
        }
        return deps;
    }
}
