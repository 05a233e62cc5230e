package io.hailctl.deploy.stack;

import java.time.Instant;
import java.util.Optional;

/** One entry of DescribeStackEvents. */
public record StackEvent(String id, Instant at, String logicalId, String resourceType, String status,
                         Optional<String> reason) {

    public boolean isStackItself() {
        return "AWS::CloudFormation::Stack".equals(resourceType);
    }

    public boolean isFailure() {
        return status.endsWith("_FAILED");
    }
}
