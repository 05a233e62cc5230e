package io.hailctl.deploy.stack;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** A CloudFormation stack as DescribeStacks shows it. */
public record StackState(String id, String name, String status, Optional<String> statusReason,
                         Map<String, String> parameters, Map<String, String> outputs, Map<String, String> tags,
                         Instant lastChanged) {
    public StackState {
        parameters = Map.copyOf(parameters);
        outputs = Map.copyOf(outputs);
        tags = Map.copyOf(tags);
    }

    public StackStatus.Category category() {
        return StackStatus.category(status);
    }
}
