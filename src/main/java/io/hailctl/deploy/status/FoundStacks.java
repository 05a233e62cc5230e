package io.hailctl.deploy.status;

import io.hailctl.deploy.stack.StackState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every stack of one environment as the first round of a status read found it: the stacks
 * hailctl.yaml names, in plan order (empty when not deployed), then the other {@code ENV-*} stacks
 * (empty when one went away between listing and describing). The second round reads what they point
 * at, and every part of the status is built from them.
 *
 * @param environment the environment's name, every stack name's first part
 * @param byName      every stack, the configured ones first
 * @param notInConfig the stacks AWS has that the config no longer names, in listing order
 */
record FoundStacks(String environment, Map<String, Optional<StackState>> byName, Set<String> notInConfig) {
    FoundStacks {
        byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
        notInConfig = Collections.unmodifiableSet(new LinkedHashSet<>(notInConfig));
    }

    /** A notebook user or a cluster: its name, whether hailctl.yaml has it, and its stack. */
    record Member(String name, boolean inConfig, String stack) {
    }

    Optional<StackState> get(String name) {
        return byName.getOrDefault(name, Optional.empty());
    }

    /**
     * The configured members first, then one for every stack under {@code prefix} the config no longer
     * names, so a notebook or cluster left behind stays visible until it is destroyed.
     *
     * @param prefix the members' common stack-name prefix ({@code ENV-jupyter-}, {@code ENV-emr-})
     */
    List<Member> members(List<String> configured, String prefix) {
        List<Member> members = new ArrayList<>();
        configured.forEach(name -> members.add(new Member(name, true, prefix + name)));
        for (String stack : notInConfig) {
            if (stack.startsWith(prefix)) {
                members.add(new Member(stack.substring(prefix.length()), false, stack));
            }
        }
        return members;
    }

    /** One output of every existing stack under {@code prefix} that has it (not empty), by stack name. */
    Map<String, String> outputUnder(String prefix, String output) {
        Map<String, String> values = new LinkedHashMap<>();
        byName.forEach((name, st) -> st.flatMap(s -> output(s, output))
                .filter(v -> name.startsWith(prefix)).ifPresent(v -> values.put(name, v)));
        return values;
    }

    /** A stack output, when the stack has it and it is not empty. */
    static Optional<String> output(StackState stack, String output) {
        return Optional.ofNullable(stack.outputs().get(output)).filter(v -> !v.isEmpty());
    }
}
