package io.hailctl.local.timing;

import java.time.Instant;

/** One stack event as DescribeStackEvents shows it; the stack's own events carry the stack name as logical id. */
public record StackEvent(Instant time, String logicalId, String type, String status) {
    public static final String STACK_TYPE = "AWS::CloudFormation::Stack";
}
