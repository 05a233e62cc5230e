package io.hailctl.aws;

import io.hailctl.deploy.stack.ResourceChange;
import io.hailctl.deploy.stack.StackEvent;
import io.hailctl.deploy.stack.StackRequest;
import io.hailctl.deploy.stack.StackState;
import io.hailctl.deploy.stack.Stacks;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.AlreadyExistsException;
import software.amazon.awssdk.services.cloudformation.model.Capability;
import software.amazon.awssdk.services.cloudformation.model.Change;
import software.amazon.awssdk.services.cloudformation.model.ChangeSetType;
import software.amazon.awssdk.services.cloudformation.model.DescribeChangeSetResponse;
import software.amazon.awssdk.services.cloudformation.model.DescribeStackEventsResponse;
import software.amazon.awssdk.services.cloudformation.model.Parameter;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackStatus;
import software.amazon.awssdk.services.cloudformation.model.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link Stacks} on CloudFormation. */
public final class CloudFormationStacks implements Stacks {
    /** hailctl's templates create IAM roles (never with fixed names, but the capability is asked anyway). */
    private static final List<Capability> CAPABILITIES = List.of(Capability.CAPABILITY_IAM, Capability.CAPABILITY_NAMED_IAM);

    /** Every status but DELETE_COMPLETE: ListStacks otherwise returns 90 days of deleted stacks. */
    private static final List<StackStatus> LIVE = java.util.Arrays.stream(StackStatus.values())
            .filter(s -> s != StackStatus.DELETE_COMPLETE && s != StackStatus.UNKNOWN_TO_SDK_VERSION).toList();

    private final CloudFormationClient cfn;

    public CloudFormationStacks(CloudFormationClient cfn) {
        this.cfn = cfn;
    }

    @Override
    public Optional<StackState> describe(String nameOrId) {
        try {
            List<Stack> stacks = cfn.describeStacks(r -> r.stackName(nameOrId)).stacks();
            return stacks.isEmpty() ? Optional.empty() : Optional.of(state(stacks.get(0)));
        } catch (AwsServiceException e) {
            if (isMissingStack(e)) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public List<String> names(String prefix) {
        return AwsCalls.call(() -> {
            List<String> out = new ArrayList<>();
            cfn.listStacksPaginator(b -> b.stackStatusFilters(LIVE)).stackSummaries().forEach(s -> {
                if (s.stackName().startsWith(prefix)) {
                    out.add(s.stackName());
                }
            });
            out.sort(String::compareTo);
            return out;
        });
    }

    @Override
    public Optional<List<StackState>> describeAll(String prefix) {
        try {
            List<StackState> out = new ArrayList<>();
            cfn.describeStacksPaginator(b -> { }).stacks().forEach(s -> {
                if (s.stackName().startsWith(prefix) && s.stackStatus() != StackStatus.DELETE_COMPLETE) {
                    out.add(state(s));
                }
            });
            out.sort(java.util.Comparator.comparing(StackState::name));
            return Optional.of(out);
        } catch (AwsServiceException e) {
            // A policy may allow DescribeStacks on the environment's stacks only (resource ARNs), which
            // refuses the unnamed form: the caller falls back to ListStacks and one read per stack.
            if (e.statusCode() == 403 || (e.awsErrorDetails() != null
                    && String.valueOf(e.awsErrorDetails().errorCode()).startsWith("AccessDenied"))) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public String create(StackRequest r) {
        try {
            return cfn.createStack(b -> b.stackName(r.stackName())
                    .templateBody(r.templateBody())
                    .parameters(parameters(r.parameters()))
                    .tags(tags(r.tags()))
                    .capabilities(CAPABILITIES)
                    .clientRequestToken(r.clientRequestToken())).stackId();
        } catch (AlreadyExistsException e) {
            // The SDK retried a CreateStack whose first attempt did reach CloudFormation (a 5xx or a
            // dropped connection after the write). That stack is ours: carry on with it.
            // Ours only if it carries the very tags we sent (the fingerprint among them).
            return describe(r.stackName()).filter(st -> st.tags().equals(r.tags())).map(StackState::id)
                    .orElseThrow(() -> AwsCalls.translated(e));
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public Optional<String> update(StackRequest r) {
        try {
            return Optional.of(cfn.updateStack(b -> b.stackName(r.stackName())
                    .templateBody(r.templateBody())
                    .parameters(parameters(r.parameters()))
                    .tags(tags(r.tags()))
                    .capabilities(CAPABILITIES)
                    .clientRequestToken(r.clientRequestToken())).stackId());
        } catch (AwsServiceException e) {
            if (isNoUpdates(e)) {
                return Optional.empty();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public void delete(String stackId, String clientRequestToken) {
        AwsCalls.run(() -> cfn.deleteStack(b -> b.stackName(stackId).clientRequestToken(clientRequestToken)));
    }

    @Override
    public List<StackEvent> eventsSince(String stackId, Optional<String> stopAtEventId) {
        try {
            return events(stackId, stopAtEventId);
        } catch (AwsServiceException e) {
            // AWS keeps a deleted stack's events (by id); moto forgets the stack. Gone means no news.
            if (isMissingStack(e)) {
                return List.of();
            }
            throw AwsCalls.translated(e);
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private List<StackEvent> events(String stackId, Optional<String> stopAtEventId) {
        List<StackEvent> out = new ArrayList<>();
        String token = null;
        do {
            String next = token;
            DescribeStackEventsResponse page = cfn.describeStackEvents(b -> b.stackName(stackId).nextToken(next));
            for (software.amazon.awssdk.services.cloudformation.model.StackEvent e : page.stackEvents()) {
                if (stopAtEventId.isPresent() && stopAtEventId.get().equals(e.eventId())) {
                    return out;
                }
                out.add(new StackEvent(e.eventId(), e.timestamp() == null ? Instant.EPOCH : e.timestamp(),
                        e.logicalResourceId(), e.resourceType(),
                        e.resourceStatusAsString(), Optional.ofNullable(e.resourceStatusReason())));
            }
            token = page.nextToken();
        } while (token != null && stopAtEventId.isPresent());
        // Without a stop id only the newest page is needed (attach and first-poll baselines).
        return out;
    }

    @Override
    public List<ResourceChange> previewUpdate(StackRequest r) {
        String name = "hailctl-preview-" + Instant.now().getEpochSecond();
        try {
            cfn.createChangeSet(b -> b.stackName(r.stackName()).changeSetName(name)
                    .changeSetType(ChangeSetType.UPDATE)
                    .templateBody(r.templateBody())
                    .parameters(parameters(r.parameters()))
                    .tags(tags(r.tags()))
                    .capabilities(CAPABILITIES));
        } catch (AwsServiceException e) {
            // moto answers a change set without changes with this error; AWS creates a FAILED one (below).
            if (isNoUpdates(e)) {
                return List.of();
            }
            throw AwsCalls.translated(e);
        }
        try {
            DescribeChangeSetResponse cs = awaitChangeSet(r.stackName(), name);
            if ("FAILED".equals(cs.statusAsString())) {
                String reason = cs.statusReason() == null ? "" : cs.statusReason();
                if (reason.contains("didn't contain changes") || reason.contains("No updates are to be performed")) {
                    return List.of();
                }
                throw new io.hailctl.HailctlException(io.hailctl.ExitCode.FAILED,
                        "change set for " + r.stackName() + " failed: " + reason);
            }
            List<ResourceChange> changes = new ArrayList<>();
            for (Change c : cs.changes()) {
                var rc = c.resourceChange();
                if (rc != null) {
                    changes.add(new ResourceChange(rc.actionAsString(), rc.logicalResourceId(), rc.resourceType(),
                            rc.replacementAsString() == null ? "False" : rc.replacementAsString()));
                }
            }
            return changes;
        } finally {
            try {
                cfn.deleteChangeSet(b -> b.stackName(r.stackName()).changeSetName(name));
            } catch (software.amazon.awssdk.core.exception.SdkException ignored) {
                // A leftover preview change set is harmless; CloudFormation never executes it.
            }
        }
    }

    private DescribeChangeSetResponse awaitChangeSet(String stack, String name) {
        Instant deadline = Instant.now().plus(Duration.ofMinutes(2));
        long sleep = 500;
        while (true) {
            DescribeChangeSetResponse cs = AwsCalls.call(() -> cfn.describeChangeSet(b -> b.stackName(stack).changeSetName(name)));
            String status = cs.statusAsString();
            if (!"CREATE_PENDING".equals(status) && !"CREATE_IN_PROGRESS".equals(status)) {
                return cs;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new io.hailctl.HailctlException(io.hailctl.ExitCode.FAILED,
                        "change set for " + stack + " still " + status + " after 2 min");
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new io.hailctl.HailctlException(io.hailctl.ExitCode.INTERRUPTED, "interrupted");
            }
            sleep = Math.min(sleep * 2, 5000);
        }
    }

    private static StackState state(Stack s) {
        Map<String, String> params = new LinkedHashMap<>();
        s.parameters().forEach(p -> params.put(p.parameterKey(), p.parameterValue() == null ? "" : p.parameterValue()));
        Map<String, String> outputs = new LinkedHashMap<>();
        s.outputs().forEach(o -> outputs.put(o.outputKey(), o.outputValue() == null ? "" : o.outputValue()));
        Map<String, String> tags = new LinkedHashMap<>();
        s.tags().forEach(t -> tags.put(t.key(), t.value()));
        Instant changed = s.lastUpdatedTime() != null ? s.lastUpdatedTime()
                : s.creationTime() != null ? s.creationTime() : Instant.EPOCH;
        return new StackState(s.stackId(), s.stackName(), s.stackStatusAsString(), Optional.ofNullable(s.stackStatusReason()),
                params, outputs, tags, changed);
    }

    private static List<Parameter> parameters(Map<String, String> values) {
        List<Parameter> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Parameter.builder().parameterKey(k).parameterValue(v).build()));
        return out;
    }

    private static List<Tag> tags(Map<String, String> values) {
        List<Tag> out = new ArrayList<>();
        values.forEach((k, v) -> out.add(Tag.builder().key(k).value(v).build()));
        return out;
    }

    private static boolean isMissingStack(AwsServiceException e) {
        String msg = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return msg.contains("does not exist");
    }

    private static boolean isNoUpdates(AwsServiceException e) {
        String msg = e.awsErrorDetails() == null ? "" : String.valueOf(e.awsErrorDetails().errorMessage());
        return msg.contains("No updates are to be performed");
    }
}
