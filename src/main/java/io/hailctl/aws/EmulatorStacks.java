package io.hailctl.aws;

import io.hailctl.local.standin.cfn.CfnTemplate;
import io.hailctl.local.standin.cfn.DeployedStack;
import io.hailctl.local.standin.cfn.DeployedStacks;
import io.hailctl.local.standin.cfn.StackFacts;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackResource;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The emulator's stand-in reading a stack back from moto (template, parameters, resources), so its
 * gaps can resolve the template as CloudFormation would. Talks to moto directly, never through the
 * stand-in.
 */
public final class EmulatorStacks implements DeployedStacks {
    private final CloudFormationClient cfn;
    private final String region;
    private final String account;

    public EmulatorStacks(CloudFormationClient cfn, String region, String account) {
        this.cfn = cfn;
        this.region = region;
        this.account = account;
    }

    @Override
    public Optional<DeployedStack> find(String stackNameOrId) {
        List<Stack> found;
        try {
            found = cfn.describeStacks(r -> r.stackName(stackNameOrId)).stacks();
        } catch (AwsServiceException e) {
            if (e.getMessage() != null && e.getMessage().contains("does not exist")) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        }
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Stack stack = found.get(0);
        CfnTemplate template = CfnTemplate.parse(cfn.getTemplate(r -> r.stackName(stack.stackId())).templateBody());
        Map<String, String> parameters = new LinkedHashMap<>(template.parameterDefaults());
        stack.parameters().forEach(p -> parameters.put(p.parameterKey(), p.parameterValue()));
        Map<String, String> pseudo = Map.of("AWS::Region", region, "AWS::AccountId", account,
                "AWS::StackName", stack.stackName(), "AWS::StackId", stack.stackId(), "AWS::Partition", "aws",
                "AWS::URLSuffix", "amazonaws.com");
        Map<String, String> physical = new LinkedHashMap<>();
        Map<String, String> types = new LinkedHashMap<>();
        for (StackResource r : cfn.describeStackResources(b -> b.stackName(stack.stackId())).stackResources()) {
            if (r.physicalResourceId() != null) {
                physical.put(r.logicalResourceId(), r.physicalResourceId());
            }
            if (r.resourceType() != null) {
                types.put(r.logicalResourceId(), r.resourceType());
            }
        }
        // Types of what moto skipped come from the template, so derived attributes still work.
        template.resources().keySet().forEach(id -> template.type(id).ifPresent(t -> types.putIfAbsent(id, t)));
        return Optional.of(new DeployedStack(stack.stackId(), stack.stackName(), template,
                StackFacts.of(parameters, pseudo, physical, types, Map.of()), types));
    }
}
