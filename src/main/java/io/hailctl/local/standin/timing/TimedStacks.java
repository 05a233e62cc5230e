package io.hailctl.local.standin.timing;

import io.hailctl.local.standin.AwsRequest;
import io.hailctl.local.standin.AwsResponse;
import io.hailctl.local.standin.Gap;
import io.hailctl.local.standin.Upstream;
import io.hailctl.local.standin.cfn.CfnTemplate;
import io.hailctl.local.timing.DurationTable;
import io.hailctl.local.timing.Operation;
import io.hailctl.local.timing.Resource;
import io.hailctl.local.timing.StackEvent;
import io.hailctl.local.timing.StackTimeline;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The time-true gap for CloudFormation: moto applies a CreateStack, UpdateStack or DeleteStack at once;
 * this gap schedules each accepted operation as a {@link StackTimeline} over the template's dependency
 * graph and answers as CloudFormation would while it runs: DescribeStacks shows *_IN_PROGRESS (no Outputs
 * before a create or update completes; during a delete, the last description), DescribeStackEvents the
 * per-resource events so far, newest first; UpdateStack and DeleteStack are refused while an operation
 * runs, with CloudFormation's words. Stacks this gap has not seen change are answered by moto alone.
 */
public final class TimedStacks implements Gap {
    private final DurationTable table;
    private final Clock clock;
    private final Consumer<String> log;
    /** By stack name and by stack id (hailctl asks by id after the create). */
    private final Map<String, History> stacks = new HashMap<>();

    /** One stack's operations as this gap timed them, oldest first. */
    private static final class History {
        final String stackId;
        final String stackName;
        final List<StackTimeline> operations = new ArrayList<>();
        /** Completed once moto answered the create that made this history (at once for other histories). */
        final java.util.concurrent.CompletableFuture<Void> answered = new java.util.concurrent.CompletableFuture<>();
        /** moto's description just before a delete, answered while the delete runs. */
        String beforeDelete;
        /** Physical id (cluster id, notebook ARN or name...) to logical id, as moto reported them after a create. */
        final Map<String, String> logicalByPhysical = new HashMap<>();

        History(String stackId, String stackName) {
            this.stackId = stackId;
            this.stackName = stackName;
        }

        /** A create's history once moto named the stack's id. */
        History withId(String id) {
            History h = new History(id, stackName);
            h.operations.addAll(operations);
            h.logicalByPhysical.putAll(logicalByPhysical);
            h.answered.complete(null);
            return h;
        }

        StackTimeline last() {
            return operations.get(operations.size() - 1);
        }

        Optional<StackTimeline> running(Instant now) {
            return operations.isEmpty() || last().settled(now) ? Optional.empty() : Optional.of(last());
        }
    }

    public TimedStacks(DurationTable table, Clock clock, Consumer<String> log) {
        this.table = table;
        this.clock = clock;
        this.log = log;
    }

    @Override
    public String name() {
        return "cloudformation-timings(scale " + table.scale() + ")";
    }

    @Override
    public synchronized void reset() {
        stacks.clear();
    }

    @Override
    public AwsResponse handle(AwsRequest request, Upstream next) {
        if (!request.service().equals("cloudformation")) {
            return next.send(request);
        }
        // moto applies a create in one go but takes a while: other calls on that stack wait for its answer,
        // so the create looks atomic (AWS answers a concurrent CreateStack with AlreadyExists at once).
        awaitPendingCreate(request.form().getOrDefault("StackName", ""));
        return switch (request.operation()) {
            case "CreateStack" -> create(request, next);
            case "UpdateStack" -> update(request, next);
            case "DeleteStack" -> delete(request, next);
            case "ExecuteChangeSet" -> executeChangeSet(request, next);
            case "DescribeStacks" -> describeStacks(request, next);
            case "DescribeStackEvents" -> describeEvents(request, next);
            default -> next.send(request);
        };
    }

    private void awaitPendingCreate(String key) {
        History h;
        synchronized (this) {
            h = stacks.get(key);
        }
        if (h != null && h.stackId == null) {
            try {
                h.answered.get(2, java.util.concurrent.TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                log.accept("stand-in: timings: a create of " + key + " did not answer: " + e);
            }
        }
    }

    // Each operation's timeline is recorded before moto is sent the request and withdrawn if moto refuses it:
    // moto applies a change at once, so a DescribeStacks from another client meanwhile must already see it run.

    private AwsResponse create(AwsRequest request, Upstream next) {
        String name = request.form().getOrDefault("StackName", "");
        Optional<CfnTemplate> template = template(request.form().get("TemplateBody"));
        if (template.isEmpty()) {
            return next.send(request);
        }
        History pending = new History(null, name);
        pending.operations.add(StackTimeline.plan(name, Operation.CREATE, TemplateGraph.resources(template.get(),
                requestParameters(request, Map.of())), table, clock.instant()));
        History before;
        while (true) { // one create of a name at a time reaches moto
            synchronized (this) {
                History other = stacks.get(name);
                if (other == null || other.stackId != null) {
                    before = stacks.put(name, pending);
                    break;
                }
            }
            awaitPendingCreate(name);
        }
        AwsResponse response;
        try {
            response = next.send(request);
        } catch (RuntimeException e) {
            synchronized (this) {
                stacks.remove(name, pending);
            }
            pending.answered.complete(null);
            throw e;
        }
        Optional<String> id = StackXml.text(response.bodyText(), "StackId");
        synchronized (this) {
            if (response.ok() && id.isPresent()) {
                History h = pending.withId(id.get());
                stacks.put(name, h);
                stacks.put(id.get(), h);
            } else if (before != null) {
                stacks.put(name, before);
            } else {
                stacks.remove(name, pending);
            }
        }
        pending.answered.complete(null);
        id.filter(i -> response.ok()).ifPresent(i -> recordPhysicalIds(request, i, next));
        return response;
    }

    /**
     * The resource a physical id names (an EMR cluster id, a notebook instance's name or ARN) while the
     * create that makes it runs: the layer answering that service's Describe calls shows the thing starting
     * until its slot settles. Empty when no running create made it.
     */
    public synchronized Optional<StackTimeline.Slot> creating(String physicalId, Instant now) {
        for (History h : new java.util.HashSet<>(stacks.values())) {
            String logical = h.logicalByPhysical.get(physicalId);
            if (logical != null) {
                Optional<StackTimeline> running = h.running(now).filter(t -> t.operation() == Operation.CREATE);
                if (running.isPresent() && running.get().slots().containsKey(logical)) {
                    return Optional.of(running.get().slots().get(logical));
                }
            }
        }
        return Optional.empty();
    }

    /** Remembers which physical ids the stack's resources have (moto made them all at once). */
    private void recordPhysicalIds(AwsRequest request, String stackId, Upstream next) {
        AwsResponse r = next.send(request.followUp("DescribeStackResources", Map.of("StackName", stackId)));
        if (!r.ok()) {
            return;
        }
        Map<String, String> ids = StackXml.physicalIds(r.bodyText());
        synchronized (this) {
            History h = stacks.get(stackId);
            if (h != null) {
                ids.forEach((logical, physical) -> h.logicalByPhysical.put(physical, logical));
            }
        }
    }

    /**
     * A change set executed (what `aws cloudformation deploy` does): a create when the stack was only under
     * review, else an update of what changed. moto applies it at once; the timeline starts when it was asked.
     */
    private AwsResponse executeChangeSet(AwsRequest request, Upstream next) {
        String key = request.form().getOrDefault("StackName", "");
        Optional<AwsResponse> refused = refusal(key, "UpdateStack");
        if (refused.isPresent() || key.isEmpty()) {
            return refused.orElseGet(() -> next.send(request));
        }
        Instant start = clock.instant();
        Optional<String> before = described(request, key, next);
        boolean create = before.flatMap(d -> StackXml.text(d, "StackStatus")).map("REVIEW_IN_PROGRESS"::equals).orElse(false);
        Optional<CfnTemplate> oldTemplate = create ? Optional.empty() : currentTemplate(request, key, next);
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        Optional<String> after = described(request, key, next);
        Optional<String> id = after.flatMap(d -> StackXml.text(d, "StackId"));
        Optional<CfnTemplate> newTemplate = currentTemplate(request, key, next);
        if (id.isEmpty() || newTemplate.isEmpty()) {
            return response;
        }
        Map<String, Object> old = oldTemplate.map(CfnTemplate::resources).orElse(Map.of());
        List<Resource> resources = TemplateGraph.resources(newTemplate.get(), StackXml.parameters(after.get()),
                rid -> create || !Objects.equals(old.get(rid), newTemplate.get().resources().get(rid)));
        synchronized (this) {
            History h = stacks.computeIfAbsent(id.get(), i -> new History(i, stackName(key)));
            stacks.put(h.stackName, h);
            h.operations.add(StackTimeline.plan(h.stackName, create ? Operation.CREATE : Operation.UPDATE, resources,
                    table, start));
        }
        if (create) {
            recordPhysicalIds(request, id.get(), next);
        }
        return response;
    }

    private AwsResponse update(AwsRequest request, Upstream next) {
        String key = request.form().getOrDefault("StackName", "");
        Optional<AwsResponse> refused = refusal(key, "UpdateStack");
        if (refused.isPresent()) {
            return refused.get();
        }
        Optional<CfnTemplate> before = currentTemplate(request, key, next);
        boolean previous = "true".equalsIgnoreCase(request.form().getOrDefault("UsePreviousTemplate", ""));
        Optional<CfnTemplate> after = previous ? before : template(request.form().get("TemplateBody"));
        Optional<String> description = described(request, key, next);
        Optional<String> id = description.flatMap(d -> StackXml.text(d, "StackId"));
        if (after.isEmpty() || id.isEmpty()) {
            return next.send(request);
        }
        Map<String, Object> old = before.map(CfnTemplate::resources).orElse(Map.of());
        // Only what changed is updated (or added); CloudFormation leaves the rest alone.
        List<Resource> changed = TemplateGraph.resources(after.get(),
                requestParameters(request, StackXml.parameters(description.get())),
                rid -> !Objects.equals(old.get(rid), after.get().resources().get(rid)));
        return timed(request, next, id.get(), stackName(key), Operation.UPDATE, changed, null);
    }

    private AwsResponse delete(AwsRequest request, Upstream next) {
        String key = request.form().getOrDefault("StackName", "");
        Optional<AwsResponse> refused = refusal(key, "DeleteStack");
        if (refused.isPresent()) {
            return refused.get();
        }
        synchronized (this) {
            History h = stacks.get(key);
            if (h != null && h.running(clock.instant()).map(t -> t.operation() == Operation.DELETE).orElse(false)) {
                return next.send(request); // a delete of a deleting stack is accepted and changes nothing
            }
        }
        Optional<String> described = described(request, key, next);
        Optional<CfnTemplate> template = currentTemplate(request, key, next);
        Optional<String> id = described.flatMap(d -> StackXml.text(d, "StackId"));
        if (id.isEmpty() || template.isEmpty()) {
            return next.send(request);
        }
        String name = StackXml.text(described.get(), "StackName").orElse(stackName(key));
        return timed(request, next, id.get(), name, Operation.DELETE,
                TemplateGraph.resources(template.get(), StackXml.parameters(described.get())), described.get());
    }

    /**
     * Records the operation's timeline on the stack's history, sends the request to moto, and withdraws
     * the timeline if moto refuses it.
     *
     * @param beforeDelete moto's description before a delete (answered while it runs), else null
     */
    private AwsResponse timed(AwsRequest request, Upstream next, String stackId, String stackName, Operation op,
                              List<Resource> resources, String beforeDelete) {
        History h;
        StackTimeline timeline;
        String previousDescription;
        synchronized (this) {
            h = stacks.computeIfAbsent(stackId, i -> new History(i, stackName));
            stacks.put(h.stackName, h);
            previousDescription = h.beforeDelete;
            if (beforeDelete != null) {
                h.beforeDelete = beforeDelete;
            }
            timeline = StackTimeline.plan(h.stackName, op, resources, table, clock.instant());
            h.operations.add(timeline);
        }
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            synchronized (this) {
                h.operations.remove(timeline);
                h.beforeDelete = previousDescription;
            }
        }
        return response;
    }

    /** The parameters a CreateStack/UpdateStack gives; UsePreviousValue takes the stack's {@code previous} one. */
    private static Map<String, String> requestParameters(AwsRequest request, Map<String, String> previous) {
        Map<String, String> form = request.form();
        Map<String, String> out = new java.util.HashMap<>();
        for (int i = 1; form.containsKey("Parameters.member." + i + ".ParameterKey"); i++) {
            String k = form.get("Parameters.member." + i + ".ParameterKey");
            String v = "true".equalsIgnoreCase(form.get("Parameters.member." + i + ".UsePreviousValue"))
                    ? previous.get(k) : form.get("Parameters.member." + i + ".ParameterValue");
            if (v != null) {
                out.put(k, v);
            }
        }
        return out;
    }

    /** moto's own description of a stack (the gap's follow-up call, past this gap). */
    private static Optional<String> described(AwsRequest request, String key, Upstream next) {
        AwsResponse d = next.send(request.followUp("DescribeStacks", Map.of("StackName", key)));
        return d.ok() ? Optional.of(d.bodyText()) : Optional.empty();
    }

    /** CloudFormation refuses to change a stack while an operation runs on it (a delete may cancel a create). */
    private synchronized Optional<AwsResponse> refusal(String key, String operation) {
        History h = stacks.get(key);
        Optional<StackTimeline> running = h == null ? Optional.empty() : h.running(clock.instant());
        if (running.isEmpty()) {
            return Optional.empty();
        }
        String status = running.get().operation().inProgress();
        if (operation.equals("UpdateStack")) {
            return Optional.of(AwsResponse.xml(400, StackXml.validationError(
                    "Stack:" + (h.stackId == null ? h.stackName : h.stackId) + " is in " + status + " state and can not be updated.")));
        }
        if (running.get().operation() == Operation.UPDATE) {
            return Optional.of(AwsResponse.xml(400, StackXml.validationError(
                    "Stack [" + h.stackName + "] cannot be deleted while in status " + status)));
        }
        return Optional.empty();
    }

    private AwsResponse describeStacks(AwsRequest request, Upstream next) {
        String key = request.form().getOrDefault("StackName", "");
        Instant now = clock.instant();
        String duringDelete = null;
        synchronized (this) {
            History h = stacks.get(key);
            if (h != null && h.beforeDelete != null
                    && h.running(now).map(t -> t.operation() == Operation.DELETE).orElse(false)) {
                duringDelete = h.beforeDelete;
            }
        }
        if (duringDelete != null) {
            return AwsResponse.xml(200, StackXml.editStacks(duringDelete,
                    m -> StackXml.setChild(m, "StackStatus", Operation.DELETE.inProgress())));
        }
        AwsResponse response = next.send(request);
        if (!response.ok()) {
            return response;
        }
        return response.withBody(StackXml.editStacks(response.bodyText(), member -> {
            Optional<StackTimeline> running;
            synchronized (this) {
                History h = StackXml.child(member, "StackId").map(stacks::get).orElse(null);
                if (h == null) { // a create moto applied whose answer is still on its way
                    h = StackXml.child(member, "StackName").map(stacks::get).filter(p -> p.stackId == null).orElse(null);
                }
                running = h == null ? Optional.empty() : h.running(now);
            }
            running.ifPresent(t -> {
                StackXml.setChild(member, "StackStatus", t.operation().inProgress());
                StackXml.removeChild(member, "StackStatusReason");
                if (t.operation() != Operation.DELETE) {
                    StackXml.removeChild(member, "Outputs");
                }
            });
        }));
    }

    private AwsResponse describeEvents(AwsRequest request, Upstream next) {
        String key = request.form().getOrDefault("StackName", "");
        Instant now = clock.instant();
        List<StackXml.Event> newestFirst = new ArrayList<>();
        synchronized (this) {
            History h = stacks.get(key);
            // After a delete, AWS answers the events by stack id only; by name the stack is gone.
            boolean gone = h == null || h.stackId == null || !key.equals(h.stackId) && h.last().operation() == Operation.DELETE && h.last().settled(now);
            if (gone) {
                return next.send(request);
            }
            // Newest first: the latest operation's events (each timeline lists its own newest first) before older ones.
            for (int op = h.operations.size() - 1; op >= 0; op--) {
                for (StackEvent e : h.operations.get(op).events(now)) {
                    newestFirst.add(new StackXml.Event(eventId(h, op, e), h.stackId, h.stackName, e));
                }
            }
        }
        return AwsResponse.xml(200, StackXml.describeStackEvents(newestFirst, "stand-in-" + UUID.randomUUID()));
    }

    /** Stable across calls, so a caller that pages up to the last event it saw stops there. */
    private static String eventId(History h, int op, StackEvent e) {
        if (e.type().equals(StackEvent.STACK_TYPE)) {
            return UUID.nameUUIDFromBytes((h.stackId + "/" + op + "/" + e.status()).getBytes(StandardCharsets.UTF_8)).toString();
        }
        return e.logicalId() + "-" + e.status() + "-" + op + "-" + e.time().toEpochMilli();
    }

    private String stackName(String key) {
        return key.startsWith("arn:") ? key.replaceFirst(".*:stack/([^/]+)/.*", "$1") : key;
    }

    private Optional<CfnTemplate> currentTemplate(AwsRequest request, String key, Upstream next) {
        AwsResponse got = next.send(request.followUp("GetTemplate", Map.of("StackName", key)));
        if (!got.ok()) {
            return Optional.empty();
        }
        return StackXml.element(got.bodyText(), "TemplateBody").flatMap(this::template);
    }

    private Optional<CfnTemplate> template(String body) {
        if (body == null || body.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(CfnTemplate.parse(body));
        } catch (RuntimeException e) {
            log.accept("stand-in: timings: cannot read a template (the operation is answered untimed): " + e.getMessage());
            return Optional.empty();
        }
    }
}
