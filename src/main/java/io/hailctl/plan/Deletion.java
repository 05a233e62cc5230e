package io.hailctl.plan;

import java.util.Map;
import java.util.Set;

/**
 * A `destroy` step. Deletions have no real outputs; each declares {@link #DELETED} so that a later
 * deletion can name it in {@link #after()} — the one wiring language orders teardown too.
 */
public sealed interface Deletion extends Step permits StackDeletion, BucketDeletion, AccessPointDeletion {
    String DELETED = "Deleted";

    /** Deletions that must be done first. */
    Map<String, Value> after();

    @Override
    default Map<String, Value> inputs() {
        return after();
    }

    @Override
    default Set<String> outputs() {
        return Set.of(DELETED);
    }

    @Override
    default String applyVerb() {
        return "delete";
    }
}
