package io.hailctl.local.standin.timing;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.timing.DurationTable;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.cloudformation.CloudFormationClient;
import software.amazon.awssdk.services.cloudformation.model.CloudFormationException;
import software.amazon.awssdk.services.cloudformation.model.Stack;
import software.amazon.awssdk.services.cloudformation.model.StackEvent;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The time-true CloudFormation gap in front of a real moto server, on a fake clock: what DescribeStacks and
 * DescribeStackEvents show while an operation runs, and what CloudFormation refuses meanwhile. Real time:
 * the bucket takes 20 s, its policy 3 s after it, the parameter 3 s after the bucket (critical path 23 s).
 */
@ExtendWith(MotoExtension.class)
class TimedStacksIT {
    private static final String TEMPLATE = """
            Resources:
              Bucket:
                Type: AWS::S3::Bucket
                Properties: {BucketName: timed-bucket}
              Policy:
                Type: AWS::S3::BucketPolicy
                Properties:
                  Bucket: !Ref Bucket
                  PolicyDocument: {Version: "2012-10-17", Statement: [{Effect: Deny, Principal: "*", Action: "s3:*", Resource: !Sub "arn:aws:s3:::${Bucket}/*", Condition: {Bool: {"aws:SecureTransport": "false"}}}]}
              Param:
                Type: AWS::SSM::Parameter
                Properties: {Name: /timed/bucket, Type: String, Value: !GetAtt Bucket.Arn}
            Outputs:
              BucketName: {Value: !Ref Bucket}
            """;

    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final FakeClock clock = new FakeClock();

    private StandIn standIn(Moto moto) throws Exception {
        return StandIn.start(moto.endpoint(), List.of(new TimedStacks(DurationTable.aws(), clock, log::add)), 0, log::add);
    }

    private static Stack stack(CloudFormationClient cfn, String name) {
        return cfn.describeStacks(b -> b.stackName(name)).stacks().get(0);
    }

    private static List<String> events(CloudFormationClient cfn, String name) {
        return cfn.describeStackEvents(b -> b.stackName(name)).stackEvents().stream()
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).toList();
    }

    @Test
    void aCreateStaysInProgressWithEventsOverTimeAndShowsOutputsWhenComplete(Moto moto) throws Exception {
        try (StandIn s = standIn(moto); AwsClients aws = AwsClients.open(AwsTarget.emulator(s.endpoint()), Map.of())) {
            CloudFormationClient cfn = aws.cloudFormation();
            String id = cfn.createStack(b -> b.stackName("timed").templateBody(TEMPLATE)).stackId();

            assertEquals("CREATE_IN_PROGRESS", stack(cfn, "timed").stackStatusAsString());
            assertEquals(List.of(), stack(cfn, "timed").outputs(), "no outputs before the create completes");
            assertEquals(List.of("Bucket CREATE_IN_PROGRESS", "timed CREATE_IN_PROGRESS"), events(cfn, id));

            clock.advance(Duration.ofSeconds(20));
            assertEquals(List.of("Param CREATE_IN_PROGRESS", "Policy CREATE_IN_PROGRESS", "Bucket CREATE_COMPLETE",
                    "Bucket CREATE_IN_PROGRESS", "timed CREATE_IN_PROGRESS"), events(cfn, id));
            List<String> ids = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents().stream().map(StackEvent::eventId).toList();
            assertEquals(ids, cfn.describeStackEvents(b -> b.stackName("timed")).stackEvents().stream().map(StackEvent::eventId).toList(),
                    "event ids are stable between calls and the same by name and by id");
            assertEquals(5, ids.stream().distinct().count());

            clock.advance(Duration.ofSeconds(2));
            assertEquals("CREATE_IN_PROGRESS", stack(cfn, id).stackStatusAsString(), "22 s of a 23 s critical path");
            clock.advance(Duration.ofSeconds(1));
            Stack done = stack(cfn, "timed");
            assertEquals("CREATE_COMPLETE", done.stackStatusAsString());
            assertEquals("timed-bucket", done.outputs().get(0).outputValue());
            List<StackEvent> all = cfn.describeStackEvents(b -> b.stackName(id)).stackEvents();
            assertEquals("timed CREATE_COMPLETE", all.get(0).logicalResourceId() + " " + all.get(0).resourceStatusAsString());
            assertEquals(clock.instant(), all.get(0).timestamp());
            assertEquals(8, all.size());
        }
        assertEquals(List.of(), log);
    }

    @Test
    void changesWhileAnOperationRunsAreRefusedWithCloudFormationsWords(Moto moto) throws Exception {
        try (StandIn s = standIn(moto); AwsClients aws = AwsClients.open(AwsTarget.emulator(s.endpoint()), Map.of())) {
            CloudFormationClient cfn = aws.cloudFormation();
            String id = cfn.createStack(b -> b.stackName("busy").templateBody(TEMPLATE)).stackId();
            CloudFormationException update = assertThrows(CloudFormationException.class,
                    () -> cfn.updateStack(b -> b.stackName("busy").templateBody(TEMPLATE.replace("timed-bucket", "other"))));
            assertEquals("ValidationError", update.awsErrorDetails().errorCode());
            assertEquals("Stack:" + id + " is in CREATE_IN_PROGRESS state and can not be updated.",
                    update.awsErrorDetails().errorMessage());

            clock.advance(Duration.ofSeconds(23));
            // Only the changed parameter is updated: 3 s, not the bucket's time.
            cfn.updateStack(b -> b.stackName("busy").templateBody(TEMPLATE.replace("/timed/bucket", "/timed/bucket2")));
            assertEquals("UPDATE_IN_PROGRESS", stack(cfn, "busy").stackStatusAsString());
            CloudFormationException delete = assertThrows(CloudFormationException.class, () -> cfn.deleteStack(b -> b.stackName(id)));
            assertEquals("Stack [busy] cannot be deleted while in status UPDATE_IN_PROGRESS", delete.awsErrorDetails().errorMessage());
            assertEquals(List.of("Param UPDATE_IN_PROGRESS", "busy UPDATE_IN_PROGRESS", "busy CREATE_COMPLETE"),
                    events(cfn, id).subList(0, 3));
            clock.advance(Duration.ofSeconds(3));
            assertEquals("UPDATE_COMPLETE", stack(cfn, "busy").stackStatusAsString());

            cfn.deleteStack(b -> b.stackName(id));
            Stack deleting = stack(cfn, "busy");
            assertEquals("DELETE_IN_PROGRESS", deleting.stackStatusAsString(), "the last description while the delete runs");
            assertEquals(id, deleting.stackId());
            assertEquals(List.of("Param DELETE_IN_PROGRESS", "Policy DELETE_IN_PROGRESS", "busy DELETE_IN_PROGRESS",
                    "busy UPDATE_COMPLETE"), events(cfn, id).subList(0, 4), "what depends on the bucket goes first");
            clock.advance(Duration.ofSeconds(11)); // the policy and the parameter (2 s) go before the bucket (10 s)
            assertEquals("DELETE_IN_PROGRESS", stack(cfn, id).stackStatusAsString());
            clock.advance(Duration.ofSeconds(1));
            assertThrows(CloudFormationException.class, () -> stack(cfn, "busy"), "by name, a deleted stack does not exist");
            assertEquals("DELETE_COMPLETE", stack(cfn, id).stackStatusAsString());
            assertEquals("busy DELETE_COMPLETE", events(cfn, id).get(0), "by id, its events remain");
        }
        assertEquals(List.of(), log);
    }

    @Test
    void anExecutedChangeSetIsTimedAsACreateThenAsAnUpdateOfWhatChanged(Moto moto) throws Exception {
        // What `aws cloudformation deploy` does: a change set per stack, executed.
        try (StandIn s = standIn(moto); AwsClients aws = AwsClients.open(AwsTarget.emulator(s.endpoint()), Map.of())) {
            CloudFormationClient cfn = aws.cloudFormation();
            cfn.createChangeSet(b -> b.stackName("set").changeSetName("one").changeSetType("CREATE").templateBody(TEMPLATE));
            cfn.executeChangeSet(b -> b.stackName("set").changeSetName("one"));
            assertEquals("CREATE_IN_PROGRESS", stack(cfn, "set").stackStatusAsString());
            assertEquals(List.of("Bucket CREATE_IN_PROGRESS", "set CREATE_IN_PROGRESS"), events(cfn, "set"));
            clock.advance(Duration.ofSeconds(23).minusMillis(1));
            assertEquals("CREATE_IN_PROGRESS", stack(cfn, "set").stackStatusAsString());
            clock.advance(Duration.ofMillis(1));
            assertEquals("CREATE_COMPLETE", stack(cfn, "set").stackStatusAsString());

            cfn.createChangeSet(b -> b.stackName("set").changeSetName("two").changeSetType("UPDATE")
                    .templateBody(TEMPLATE.replace("/timed/bucket", "/timed/bucket2")));
            cfn.executeChangeSet(b -> b.stackName("set").changeSetName("two"));
            assertEquals("UPDATE_IN_PROGRESS", stack(cfn, "set").stackStatusAsString());
            clock.advance(Duration.ofSeconds(3)); // only the parameter changed
            assertEquals("UPDATE_COMPLETE", stack(cfn, "set").stackStatusAsString());
        }
        assertEquals(List.of(), log);
    }
}
