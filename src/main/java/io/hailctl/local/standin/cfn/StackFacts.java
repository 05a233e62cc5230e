package io.hailctl.local.standin.cfn;

import java.util.Map;
import java.util.Optional;

/**
 * What intrinsic functions need to know about one deployed stack: its parameter values (the
 * template's defaults already overlaid), its pseudo parameters, and its resources' physical ids and
 * attributes as the emulator made them.
 */
public interface StackFacts {
    /** A parameter's value (given, previous, or the template's default). */
    Optional<String> parameter(String name);

    /** {@code AWS::Region}, {@code AWS::AccountId}, {@code AWS::StackName}, {@code AWS::StackId}, {@code AWS::Partition}, {@code AWS::URLSuffix}. */
    Optional<String> pseudo(String name);

    /** {@code Ref} of a resource: its physical id. */
    Optional<String> physicalId(String logicalId);

    /** {@code Fn::GetAtt}; empty when the attribute is not known. */
    Optional<String> attribute(String logicalId, String attribute);

    /** These facts with some physical ids given (they win over the emulator's). */
    default StackFacts withPhysicalIds(Map<String, String> ids) {
        StackFacts base = this;
        return new StackFacts() {
            @Override
            public Optional<String> parameter(String name) {
                return base.parameter(name);
            }

            @Override
            public Optional<String> pseudo(String name) {
                return base.pseudo(name);
            }

            @Override
            public Optional<String> physicalId(String logicalId) {
                return Optional.ofNullable(ids.get(logicalId)).or(() -> base.physicalId(logicalId));
            }

            @Override
            public Optional<String> attribute(String logicalId, String attribute) {
                return base.attribute(logicalId, attribute);
            }
        };
    }

    /**
     * Facts from plain maps: {@code attributes} keyed "Logical.Attribute"; a few attributes that follow
     * from the physical id are derived where missing (an IAM role's Arn, a log group's Arn, a bucket's Arn).
     */
    static StackFacts of(Map<String, String> parameters, Map<String, String> pseudo, Map<String, String> physicalIds,
                         Map<String, String> types, Map<String, String> attributes) {
        return new StackFacts() {
            @Override
            public Optional<String> parameter(String name) {
                return Optional.ofNullable(parameters.get(name));
            }

            @Override
            public Optional<String> pseudo(String name) {
                return Optional.ofNullable(pseudo.get(name));
            }

            @Override
            public Optional<String> physicalId(String logicalId) {
                return Optional.ofNullable(physicalIds.get(logicalId));
            }

            @Override
            public Optional<String> attribute(String logicalId, String attribute) {
                String known = attributes.get(logicalId + "." + attribute);
                if (known != null) {
                    return Optional.of(known);
                }
                String id = physicalIds.get(logicalId);
                if (id == null || !attribute.equals("Arn")) {
                    return Optional.empty();
                }
                String account = pseudo.getOrDefault("AWS::AccountId", "123456789012");
                String region = pseudo.getOrDefault("AWS::Region", "us-east-1");
                return Optional.ofNullable(switch (types.getOrDefault(logicalId, "")) {
                    case "AWS::IAM::Role" -> id.startsWith("arn:") ? id : "arn:aws:iam::" + account + ":role/" + id;
                    case "AWS::IAM::InstanceProfile" -> id.startsWith("arn:") ? id : "arn:aws:iam::" + account + ":instance-profile/" + id;
                    case "AWS::Logs::LogGroup" -> "arn:aws:logs:" + region + ":" + account + ":log-group:" + id + ":*";
                    case "AWS::S3::Bucket" -> "arn:aws:s3:::" + id;
                    case "AWS::SSM::Parameter" -> "arn:aws:ssm:" + region + ":" + account + ":parameter" + (id.startsWith("/") ? id : "/" + id);
                    default -> id.startsWith("arn:") ? id : null;
                });
            }
        };
    }
}
