package io.hailctl.local.standin.cfn;

import java.util.Optional;

/** Port: reads a stack back from the emulator (implemented in {@code io.hailctl.aws}). */
public interface DeployedStacks {
    /** The stack by name or id, or empty when the emulator has none. */
    Optional<DeployedStack> find(String stackNameOrId);
}
