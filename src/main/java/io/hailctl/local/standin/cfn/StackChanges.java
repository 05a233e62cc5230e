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
 * Resources moto drops from a stack on an update are kept ({@link KeptResources}): DescribeStacks,
 * DescribeStackResources and ListStackResources answer with them, as CloudFormation would.
 */
public final class StackChanges implements Gap {
    private final KeptResources stacks;
    private final List<Materialiser> materialisers;
    private final Consumer<String> log;

    public StackChanges(DeployedStacks stacks, List<Materialiser> materialisers, Consumer<String> log) {
        this.stacks = new KeptResources(stacks);
        this.materialisers = List.copyOf(materialisers);
        this.log = log;
    }

    @Override
    public String name() {
        return "cloudformation-resources(" + String.join(",", materialisers.stream().map(Materialiser::resourceType).toList()) + ")";
    }

    @Override
    public void reset() {
        stacks.reset();
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        if (request.is("cloudformation", "DescribeStacks")) {
            return describeStacks(request, next);
        }
        if (request.is("cloudformation", "DescribeStackResources")) {
            return listResources(request, next, "StackResources");
        }
        if (request.is("cloudformation", "ListStackResources")) {
            return listResources(request, next, "StackResourceSummaries");
        }
        boolean update = request.is("cloudformation", "UpdateStack");
        // An executed change set (what `aws cloudformation deploy` sends) creates or updates the same way.
        boolean change = request.is("cloudformation", "CreateStack") || update
                || request.is("cloudformation", "ExecuteChangeSet");
        boolean delete = request.is("cloudformation", "DeleteStack");
        if (!change && !delete) {
            return next.send(request);
        }
        String name = request.form().getOrDefault("StackName", "");
        Optional<DeployedStack> before = delete || update ? stacks.find(name) : Optional.empty();
        AwsResponse response = next.send(request);
        // moto can fail a DeleteStack half-way (HTTP 500 on the EMR security configuration) yet forget the
        // stack: it is gone all the same, so what the stand-in made for it goes too.
        boolean goneAnyway = delete && before.isPresent() && !response.ok() && stacks.find(name).isEmpty();
        if (!response.ok() && !goneAnyway) {
            return response;
        }
        if (update) {
            before.ifPresent(b -> stacks.updated(b, name));
        } else if (delete) {
            before.ifPresent(b -> stacks.deleted(b.stackId()));
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

    /** DescribeStacks with the outputs moto lost on an update recomputed (only stacks with kept resources). */
    private AwsResponse describeStacks(AwsRequest request, Upstream next) {
        AwsResponse response = next.send(request);
        if (!response.ok() || !stacks.keepsAny()) {
            return response;
        }
        return response.withBody(KeptResourcesXml.withOutputs(response.bodyText(), stackId -> stacks.keepsFor(stackId)
                ? stacks.find(stackId).map(KeptResources::outputs) : Optional.empty()));
    }

    private AwsResponse listResources(AwsRequest request, Upstream next, String listElement) {
        AwsResponse response = next.send(request);
        String name = request.form().getOrDefault("StackName", "");
        if (!response.ok() || name.isEmpty()) {
            return response;
        }
        Optional<DeployedStack> stack = stacks.find(name).filter(s -> stacks.keepsFor(s.stackId()));
        if (stack.isEmpty()) {
            return response;
        }
        List<KeptResourcesXml.Resource> kept = stacks.kept(stack.get().stackId()).entrySet().stream()
                .map(e -> new KeptResourcesXml.Resource(e.getKey(), e.getValue(), stack.get().template().type(e.getKey()).orElse("")))
                .toList();
        return response.withBody(KeptResourcesXml.withResources(response.bodyText(), listElement, kept));
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
