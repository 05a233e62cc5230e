package io.hailctl.deploy.stack;

import io.hailctl.ExitCode;
import io.hailctl.deploy.Change;
import io.hailctl.deploy.Confirmer;
import io.hailctl.deploy.Inputs;
import io.hailctl.deploy.StepFailedException;
import io.hailctl.deploy.StepOutcome;
import io.hailctl.deploy.fakes.Contexts;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.plan.Component;
import io.hailctl.plan.StackStep;
import io.hailctl.plan.StepId;
import io.hailctl.plan.Value;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StackRunnerTest {
    private static final String NAME = "demo-s3";
    private static final String TEMPLATE = "Resources: {Bucket: {Type: AWS::S3::Bucket}}\n";

    private final FakeClock clock = new FakeClock();
    private final FakeStacks stacks = new FakeStacks(clock).outputs(r -> Map.of("HailBucket", r.parameters().get("HailBucketName")));
    private final Contexts.Recording progress = new Contexts.Recording();
    private final List<String> questions = new ArrayList<>();

    private StackRunner runner() {
        return new StackRunner(stacks, file -> TEMPLATE, () -> "token-" + stacks.writes().size());
    }

    private static StackStep step(String bucket) {
        return new StackStep(StepId.of("s3"), "buckets", Component.S3, NAME, "hail-s3.yml",
                Map.of("HailBucketName", Value.literal(bucket)), Set.of("HailBucket"),
                Map.of("hailctl:environment", "demo"), Duration.ofMinutes(15));
    }

    private static Inputs inputs(String bucket) {
        return Inputs.resolved(Map.of("HailBucketName", bucket));
    }

    private StepOutcome apply(String bucket, Confirmer confirmer) throws InterruptedException {
        return runner().apply(step(bucket), inputs(bucket), Contexts.on(clock, progress, question -> {
            questions.add(question);
            return confirmer.confirm(question);
        }));
    }

    @Test
    void createsAnAbsentStackAndWaitsForItsEvents() throws Exception {
        StepOutcome out = apply("b1", Confirmer.NO);
        assertEquals(Change.CREATED, out.change());
        assertEquals(Map.of("HailBucket", "b1"), out.outputs());
        assertEquals(List.of("create demo-s3"), stacks.writes());
        assertTrue(progress.activities().contains("Bucket CREATE_COMPLETE"), progress.activities().toString());
        assertEquals("CREATE_COMPLETE", stacks.peek(NAME).orElseThrow().status());
        assertTrue(stacks.peek(NAME).orElseThrow().tags().containsKey(Fingerprint.TAG), "fingerprint stored as a tag");
    }

    @Test
    void acceptedOnlyCreatesAndReturnsStartedWithoutWaiting() throws Exception {
        StackRunner noWait = new StackRunner(stacks, file -> TEMPLATE, () -> "t", StackRunner.Waiting.ACCEPTED);
        java.time.Instant before = clock.instant();
        StepOutcome out = noWait.apply(step("b1"), inputs("b1"), Contexts.on(clock, progress, q -> false));
        assertEquals(Change.STARTED, out.change());
        assertEquals(Map.of(), out.outputs());
        assertEquals(List.of("create accepted; not waiting for it"), out.details());
        assertEquals(List.of("create demo-s3"), stacks.writes());
        assertEquals(before, clock.instant(), "no pause: nothing was waited for");
        assertEquals("CREATE_IN_PROGRESS", stacks.peek(NAME).orElseThrow().status());
    }

    @Test
    void anUnchangedStackCostsNoWriteCall() throws Exception {
        apply("b1", Confirmer.NO);
        int before = stacks.writes().size();
        StepOutcome again = apply("b1", Confirmer.NO);
        assertEquals(Change.UNCHANGED, again.change());
        assertEquals(Map.of("HailBucket", "b1"), again.outputs());
        assertEquals(before, stacks.writes().size(), "no create/update/delete on an unchanged stack");
    }

    @Test
    void aChangedParameterUpdatesTheStack() throws Exception {
        apply("b1", Confirmer.NO);
        StepOutcome out = apply("b2", Confirmer.NO);
        assertEquals(Change.UPDATED, out.change());
        assertEquals(Map.of("HailBucket", "b2"), out.outputs());
        assertEquals(List.of("create demo-s3", "update demo-s3"), stacks.writes());
        assertEquals("UPDATE_COMPLETE", stacks.peek(NAME).orElseThrow().status());
    }

    @Test
    void aFailedCreateNamesTheFirstFailedResourceNotTheCancelledOnes() {
        stacks.onCreate(FakeStacks::failedCreate);
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.NO));
        assertEquals("stack demo-s3 ROLLBACK_COMPLETE: Notebook (AWS::SageMaker::NotebookInstance) CREATE_FAILED: "
                + "The account-level service limit 'ml.t3.medium for notebook instance usage' is 0 Instances", e.getMessage());
        assertEquals(ExitCode.FAILED, e.exitCode());
        assertTrue(e.hint().orElseThrow().contains("re-run"), e.hint().toString());
    }

    @Test
    void aFailedUpdateReportsItsCauseAndTheRollback() throws Exception {
        apply("b1", Confirmer.NO);
        stacks.onUpdate(FakeStacks::failedUpdate);
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b2", Confirmer.NO));
        assertEquals("stack demo-s3 UPDATE_ROLLBACK_COMPLETE: Cluster (AWS::EMR::Cluster) UPDATE_FAILED: "
                + "Instance type r5.4xlarge is not supported in us-east-1e", e.getMessage());
        assertEquals("The stack rolled back to its previous state; fix the cause and re-run.", e.hint().orElseThrow());
    }

    @Test
    void aRolledBackCreateIsDeletedAndCreatedAgainAfterAskingWithItsCause() throws Exception {
        stacks.existing(NAME, "ROLLBACK_COMPLETE", Map.of(), Map.of(), Map.of(), List.of());
        stacks.history(NAME, "Bucket", "AWS::S3::Bucket", "CREATE_FAILED", "hail-b1 already exists");
        StepOutcome out = apply("b1", Confirmer.YES);
        assertEquals(Change.REPLACED, out.change());
        assertEquals(List.of("delete demo-s3", "create demo-s3"), stacks.writes());
        assertEquals(List.of("Stack demo-s3 is ROLLBACK_COMPLETE after a failed create (Bucket (AWS::S3::Bucket) "
                + "CREATE_FAILED: hail-b1 already exists). Delete it and create it again?"), questions);
    }

    @Test
    void aRolledBackCreateIsLeftAloneWhenTheAnswerIsNo() {
        stacks.existing(NAME, "ROLLBACK_COMPLETE", Map.of(), Map.of(), Map.of(), List.of());
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.NO));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("stack demo-s3 is ROLLBACK_COMPLETE after a failed create", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("--yes"), e.hint().toString());
        assertEquals(List.of(), stacks.writes(), "nothing written");
    }

    @Test
    void anUpdateRollbackFailedStackIsRefusedWithTheRecoveryCommand() {
        stacks.existing(NAME, "UPDATE_ROLLBACK_FAILED", Map.of(), Map.of(), Map.of(), List.of());
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.YES));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("stack demo-s3 is UPDATE_ROLLBACK_FAILED", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("aws cloudformation continue-update-rollback --stack-name demo-s3"),
                e.hint().toString());
        assertEquals(List.of(), stacks.writes());
    }

    @Test
    void aStackInProgressIsWaitedForThenCompared() throws Exception {
        // Someone else's create is half-way: hailctl attaches, waits, then updates it to what we want.
        stacks.existing(NAME, "CREATE_IN_PROGRESS", Map.of("HailBucketName", "other"), Map.of("HailBucket", "other"),
                Map.of(), List.of(new FakeStacks.Scripted(Duration.ofSeconds(30), "Bucket", "AWS::S3::Bucket", "CREATE_COMPLETE", null),
                        new FakeStacks.Scripted(Duration.ofSeconds(31), NAME, FakeStacks.STACK, "CREATE_COMPLETE", null)));
        StepOutcome out = apply("b1", Confirmer.NO);
        assertEquals(Change.UPDATED, out.change());
        assertEquals(List.of("update demo-s3"), stacks.writes(), "no create, no delete: waited, then updated");
        assertTrue(progress.activities().contains("Bucket CREATE_COMPLETE"), progress.activities().toString());
    }

    @Test
    void aStackThatNeverSettlesTimesOutWithAResumeHint() {
        stacks.onCreate(r -> List.of(new FakeStacks.Scripted(Duration.ZERO, NAME, FakeStacks.STACK, "CREATE_IN_PROGRESS", null)));
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.NO));
        assertEquals("stack demo-s3 is still in progress after 15 min", e.getMessage());
        assertTrue(e.hint().orElseThrow().contains("again to attach"), e.hint().toString());
    }

    @Test
    void readingAStackThatDoesNotExistSaysWhatToDeployFirst() {
        StepFailedException e = assertThrows(StepFailedException.class, () -> runner().read(step("b1"), inputs("b1"),
                Contexts.on(clock, progress, Confirmer.NO)));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("stack demo-s3 (buckets) is not deployed yet", e.getMessage());
        assertEquals("Deploy it first (hailctl deploy all, or hailctl deploy s3).", e.hint().orElseThrow());
    }

    @Test
    void previewNeverWritesAndShowsWhatWouldChange() throws Exception {
        StackRunner runner = runner();
        StepOutcome fresh = runner.preview(step("b1"), inputs("b1"), Contexts.on(clock, progress, Confirmer.NO));
        assertEquals(Change.WOULD_CREATE, fresh.change());
        apply("b1", Confirmer.NO);
        int writes = stacks.writes().size();
        assertEquals(Change.UNCHANGED, runner.preview(step("b1"), inputs("b1"), Contexts.on(clock, progress, Confirmer.NO)).change());
        stacks.previewChanges(List.of(new ResourceChange("Modify", "Bucket", "AWS::S3::Bucket", "True")));
        StepOutcome changed = runner.preview(step("b2"), inputs("b2"), Contexts.on(clock, progress, Confirmer.NO));
        assertEquals(Change.WOULD_UPDATE, changed.change());
        assertEquals(List.of("parameter HailBucketName: b1 -> b2", "Modify Bucket [AWS::S3::Bucket] (REPLACED)"),
                changed.details());
        assertEquals(writes, stacks.writes().size(), "previews write nothing");
    }

    @Test
    void aStackMissingADeclaredOutputIsAFailureNotASilentGap() {
        FakeStacks noOutputs = new FakeStacks(clock);
        StackRunner runner = new StackRunner(noOutputs, file -> TEMPLATE, () -> "t");
        StepFailedException e = assertThrows(StepFailedException.class, () -> runner.apply(step("b1"), inputs("b1"),
                Contexts.on(clock, progress, Confirmer.NO)));
        assertTrue(e.getMessage().startsWith("stack demo-s3 has no output HailBucket"), e.getMessage());
    }
    @Test
    void aDeleteFailedStackIsRefusedOnDeployWithoutAWrite() {
        stacks.existing(NAME, "DELETE_FAILED", Map.of(), Map.of(), Map.of(), List.of());
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.YES));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        assertEquals("stack demo-s3 is DELETE_FAILED", e.getMessage());
        assertEquals("Finish deleting it (hailctl destroy, or the CloudFormation console), then re-run.", e.hint().orElseThrow());
        assertEquals(List.of(), stacks.writes());
    }

    @Test
    void aFailedNestedStackIsTheRootCauseNotMistakenForTheStackItself() {
        // A nested stack is a resource of type AWS::CloudFormation::Stack: its failure (naming the
        // nested resource) is the cause; the cancellation it triggered is not.
        stacks.onCreate(r -> List.of(
                new FakeStacks.Scripted(Duration.ZERO, NAME, FakeStacks.STACK, "CREATE_IN_PROGRESS", "User Initiated"),
                new FakeStacks.Scripted(Duration.ofSeconds(2), "Storage", FakeStacks.STACK, "CREATE_IN_PROGRESS", null),
                new FakeStacks.Scripted(Duration.ofSeconds(2), "Role", "AWS::IAM::Role", "CREATE_IN_PROGRESS", null),
                new FakeStacks.Scripted(Duration.ofSeconds(20), "Role", "AWS::IAM::Role", "CREATE_FAILED",
                        "Resource creation cancelled"),
                new FakeStacks.Scripted(Duration.ofSeconds(20), "Storage", FakeStacks.STACK, "CREATE_FAILED",
                        "Embedded stack arn:aws:cloudformation:us-east-1:123456789012:stack/demo-s3-Storage-1/x was not "
                                + "successfully created: The following resource(s) failed to create: [Bucket]."),
                new FakeStacks.Scripted(Duration.ofSeconds(21), NAME, FakeStacks.STACK, "ROLLBACK_IN_PROGRESS",
                        "The following resource(s) failed to create: [Storage, Role]. Rollback requested by user."),
                new FakeStacks.Scripted(Duration.ofSeconds(40), NAME, FakeStacks.STACK, "ROLLBACK_COMPLETE", null)));
        StepFailedException e = assertThrows(StepFailedException.class, () -> apply("b1", Confirmer.NO));
        assertEquals("stack demo-s3 ROLLBACK_COMPLETE: Storage (AWS::CloudFormation::Stack) CREATE_FAILED: Embedded stack "
                + "arn:aws:cloudformation:us-east-1:123456789012:stack/demo-s3-Storage-1/x was not successfully created: "
                + "The following resource(s) failed to create: [Bucket].", e.getMessage());
        assertEquals(ExitCode.FAILED, e.exitCode());
    }

    @Test
    void credentialsThatExpireWhileWaitingAreAnAccessErrorSayingHowToRefreshAndResume() {
        // What the aws adapter throws for ExpiredToken (AwsFailuresTest pins the translation): it must
        // reach the user as it is, exit 4, not turn into a stack failure or a retry loop.
        io.hailctl.HailctlException expired = new io.hailctl.HailctlException(ExitCode.AWS_ACCESS,
                "CloudFormation: ExpiredToken: The security token included in the request is expired",
                "The AWS credentials expired: refresh them, then re-run the same command; it attaches to what is still running.");
        java.util.concurrent.atomic.AtomicInteger polls = new java.util.concurrent.atomic.AtomicInteger();
        Stacks expiring = new Stacks() {
            public java.util.Optional<StackState> describe(String nameOrId) {
                return stacks.describe(nameOrId);
            }

            public List<String> names(String prefix) {
                return stacks.names(prefix);
            }

            public String create(StackRequest request) {
                return stacks.create(request);
            }

            public java.util.Optional<String> update(StackRequest request) {
                return stacks.update(request);
            }

            public void delete(String stackId, String token) {
                stacks.delete(stackId, token);
            }

            public List<StackEvent> eventsSince(String stackId, java.util.Optional<String> stopAt) {
                if (polls.incrementAndGet() > 2) {
                    throw expired;
                }
                return stacks.eventsSince(stackId, stopAt);
            }

            public List<ResourceChange> previewUpdate(StackRequest request) {
                return stacks.previewUpdate(request);
            }
        };
        StackRunner runner = new StackRunner(expiring, file -> TEMPLATE, () -> "t");
        io.hailctl.HailctlException e = assertThrows(io.hailctl.HailctlException.class, () -> runner.apply(step("b1"),
                inputs("b1"), Contexts.on(clock, progress, Confirmer.NO)));
        assertEquals(expired, e, "the access error itself, not wrapped");
        assertEquals(ExitCode.AWS_ACCESS, e.exitCode());
        assertEquals(3, polls.get(), "no further polling after the credentials expired");
        assertEquals(List.of("create demo-s3"), stacks.writes(), "the create went out before; nothing after");
    }
}
