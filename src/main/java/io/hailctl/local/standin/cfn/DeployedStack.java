package io.hailctl.local.standin.cfn;

import java.util.Map;

/**
 * A stack as the emulator holds it: its template and what intrinsic functions need to resolve it.
 *
 * @param types logical id to resource type, for the resources the emulator reports
 */
public record DeployedStack(String stackId, String name, CfnTemplate template, StackFacts facts, Map<String, String> types) {
    public DeployedStack {
        types = Map.copyOf(types);
    }

    /** An intrinsic-function resolver over this stack. */
    public Intrinsics intrinsics() {
        return new Intrinsics(template, facts);
    }
}
