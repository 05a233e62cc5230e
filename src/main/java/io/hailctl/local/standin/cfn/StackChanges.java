package io.hailctl.local.standin.cfn;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The gap for resources moto's CloudFormation skips or makes incompletely: after a CreateStack,
 * UpdateStack or ExecuteChangeSet that moto accepted, each {@link Materialiser} completes the resources of its type in the
 * new stack; after a DeleteStack, it removes them. A materialiser that fails is logged and answered as
 * a ValidationError naming the resource and the reason (not a 5xx: a retry could not succeed); a stack
 * it could not complete on create is deleted first, so a re-run starts clean, as after a rollback.
 */
public final class StackChanges implements Gap {
    private final DeployedStacks stacks;
    private final List<Materialiser> materialisers;
    private final Consumer<String> log;

    public StackChanges(DeployedStacks stacks, List<Materialiser> materialisers, Consumer<String> log) {
        this.stacks = stacks;
        this.materialisers = List.copyOf(materialisers);
        this.log = log;
    }

    @Override
    public String name() {
        return "cloudformation-resources(" + String.join(",", materialisers.stream().map(Materialiser::resourceType).toList()) + ")";
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        // An executed change set (what `aws cloudformation deploy` sends) creates or updates the same way.
        boolean change = request.is("cloudformation", "CreateStack") || request.is("cloudformation", "UpdateStack")
                || request.is("cloudformation", "ExecuteChangeSet");
        boolean delete = request.is("cloudformation", "DeleteStack");
        if (!change && !delete) {
            return next.send(request);
        }
        String name = request.form().getOrDefault("StackName", "");
        Optional<DeployedStack> before = delete ? stacks.find(name) : Optional.empty();
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        List<String> problems = new ArrayList<>();
        if (change) {
            stacks.find(name).ifPresent(stack -> each(stack, problems, (m, id, props) -> m.created(stack, id, props)));
        } else {
            before.ifPresent(stack -> each(stack, problems, (m, id, props) -> m.deleted(stack, id, props)));
        }
        if (problems.isEmpty()) {
            return response;
        }
        problems.forEach(p -> log.accept("stand-in: " + p));
        if (request.is("cloudformation", "CreateStack")) {
            next.send(request.followUp("DeleteStack", Map.of("StackName", name)));
        }
        String message = String.join("; ", problems).replace("&", "&amp;").replace("<", "&lt;");
        return AwsResponse.xml(400, "<ErrorResponse><Error><Type>Sender</Type><Code>ValidationError</Code><Message>stand-in: "
                + message + "</Message></Error><RequestId>stand-in</RequestId></ErrorResponse>");
    }

    private interface Action {
        void run(Materialiser m, String logicalId, Map<String, Object> properties);
    }

    private void each(DeployedStack stack, List<String> problems, Action action) {
        Intrinsics intrinsics = stack.intrinsics();
        for (Materialiser m : materialisers) {
            for (String id : stack.template().resourcesOfType(m.resourceType())) {
                try {
                    if (intrinsics.created(id)) {
                        action.run(m, id, intrinsics.properties(id));
                    }
                } catch (RuntimeException e) {
                    problems.add(stack.name() + " " + id + " (" + m.resourceType() + "): " + e.getMessage());
                }
            }
        }
    }
}
