package io.hailctl.deploy.stack;

import java.util.List;
import java.util.Optional;

/** The CloudFormation port: everything the engine asks of it, in hailctl's records. */
public interface Stacks {

    /** The stack by name or id; empty when it does not exist (or was deleted). */
    Optional<StackState> describe(String nameOrId);

    /** Names of the live (not deleted) stacks whose name starts with {@code prefix}. */
    List<String> names(String prefix);

    /**
     * Every live stack whose name starts with {@code prefix}, described, in as few reads as the service
     * allows (DescribeStacks without a name: one page holds many stacks with their outputs and parameters).
     * Empty when this port cannot (a fake, or a caller allowed DescribeStacks only on named stacks): then
     * {@link #names} and {@link #describe} answer the same questions one read each.
     */
    default Optional<List<StackState>> describeAll(String prefix) {
        return Optional.empty();
    }

    /** Starts CreateStack; returns the new stack's id. */
    String create(StackRequest request);

    /** Starts UpdateStack; empty when CloudFormation says there is nothing to update. */
    Optional<String> update(StackRequest request);

    void delete(String stackId, String clientRequestToken);

    /**
     * Events newest first, paging only until {@code stopAtEventId} (exclusive) when given —
     * so each poll fetches only what is new.
     */
    List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId);

    /**
     * The resource changes an update would make (a change set created, described and deleted).
     * Empty when nothing would change.
     */
    List<ResourceChange> previewUpdate(StackRequest request);
}
