package io.hailctl.cli;

import io.hailctl.aws.AwsClients;
import io.hailctl.aws.AwsTarget;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.local.standin.StandIn;
import io.hailctl.local.standin.emr.StepPython;
import io.hailctl.local.standin.timing.TimeTrue;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.emr.model.ClusterState;
import software.amazon.awssdk.services.emr.model.ClusterSummary;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * The stand-in's time-true mode (all its gaps, in front of a real moto server, on a fake clock): a cluster
 * and a notebook instance that a stack creates are STARTING/BOOTSTRAPPING and Pending for as long as their
 * stack's timeline has them in progress (AWS's durations, scale 1: cluster 10 min, notebook 5 min), and
 * WAITING and InService from the moment CloudFormation reports them created; an AMI build's phases take the
 * time-true lifecycle's durations.
 */
@ExtendWith(MotoExtension.class)
class TimeTrueStartsIT {
    private static final String TEMPLATE = """
            Resources:
              Cluster:
                Type: AWS::EMR::Cluster
                Properties:
                  Name: timed-cluster
                  ReleaseLabel: emr-7.12.0
                  JobFlowRole: EMR_EC2_DefaultRole
                  ServiceRole: EMR_DefaultRole
                  Instances:
                    MasterInstanceGroup: {InstanceCount: 1, InstanceType: m5.xlarge}
                    CoreInstanceGroup: {InstanceCount: 1, InstanceType: m5.xlarge}
              Notebook:
                Type: AWS::SageMaker::NotebookInstance
                Properties:
                  InstanceType: ml.t3.medium
                  RoleArn: arn:aws:iam::123456789012:role/notebook
            """;

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final FakeClock clock = new FakeClock();

    private StandIn standIn(Moto moto) throws Exception {
        List<io.hailctl.local.standin.Gap> gaps = new StandInGaps(moto.clients(), log::add,
                Map.of(TimeTrue.TIMINGS_ENV, "aws")).all(StepPython.of("python3"), clock);
        return StandIn.start(moto.endpoint(), gaps, 0, log::add);
    }

    @Test
    void aClusterAndANotebookStartOverTheirSlotsOfTheStackTimeline(Moto moto) throws Exception {
        try (StandIn s = standIn(moto); AwsClients aws = AwsClients.open(AwsTarget.emulator(s.endpoint()), Map.of())) {
            aws.cloudFormation().createStack(b -> b.stackName("timed").templateBody(TEMPLATE));
            String clusterId = aws.emr().listClusters(b -> { }).clusters().get(0).id();
            // moto names a template's notebook instance itself (the physical id is its ARN)
            String notebook = aws.sageMakerAllOperations().listNotebookInstances(b -> { }).notebookInstances().get(0).notebookInstanceName();

            assertEquals(List.of("CREATE_IN_PROGRESS", "STARTING", "Pending"), states(aws, clusterId, notebook));
            assertEquals(List.of(), ids(aws, ClusterState.WAITING), "a starting cluster is not listed as WAITING");
            assertEquals(List.of(clusterId), ids(aws, ClusterState.STARTING));
            assertEquals("Pending", aws.sageMakerAllOperations().listNotebookInstances(b -> { }).notebookInstances().get(0)
                    .notebookInstanceStatusAsString());
            assertNull(aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName(notebook)).url(),
                    "no URL before the instance is in service");

            clock.advance(Duration.ofMinutes(5)); // the notebook's 5 min: CloudFormation has it created
            assertEquals(List.of("CREATE_IN_PROGRESS", "STARTING", "InService"), states(aws, clusterId, notebook));
            assertEquals(List.of("Notebook CREATE_COMPLETE"), completed(aws));

            clock.advance(Duration.ofMinutes(2)); // 7 min: EMR's STARTING ends, the bootstrap actions run
            assertEquals(List.of("CREATE_IN_PROGRESS", "BOOTSTRAPPING", "InService"), states(aws, clusterId, notebook));
            assertEquals(List.of(), ids(aws, ClusterState.WAITING));

            clock.advance(Duration.ofMinutes(3).minusMillis(1));
            assertEquals("BOOTSTRAPPING", states(aws, clusterId, notebook).get(1), "not WAITING a moment before CloudFormation's create completes");
            clock.advance(Duration.ofMillis(1)); // 10 min: the cluster's slot ends with the stack
            assertEquals(List.of("CREATE_COMPLETE", "WAITING", "InService"), states(aws, clusterId, notebook));
            assertEquals(List.of(clusterId), ids(aws, ClusterState.WAITING));
            assertEquals(List.of("Cluster CREATE_COMPLETE", "Notebook CREATE_COMPLETE"), completed(aws));
        }
        assertEquals(List.of(), log);
    }

    @Test
    void aClusterFromAnExecutedChangeSetIsMadeAndStartsLikeOneFromCreateStack(Moto moto) throws Exception {
        // What `aws cloudformation deploy` sends. Without the stand-in's EMR gap moto's cluster is TERMINATED at once.
        try (StandIn s = standIn(moto); AwsClients aws = AwsClients.open(AwsTarget.emulator(s.endpoint()), Map.of())) {
            String onlyCluster = TEMPLATE.substring(0, TEMPLATE.indexOf("  Notebook:"));
            aws.cloudFormation().createChangeSet(b -> b.stackName("timed").changeSetName("one").changeSetType("CREATE")
                    .templateBody(onlyCluster));
            aws.cloudFormation().executeChangeSet(b -> b.stackName("timed").changeSetName("one"));
            String clusterId = aws.emr().listClusters(b -> { }).clusters().get(0).id();
            assertEquals("STARTING", aws.emr().describeCluster(b -> b.clusterId(clusterId)).cluster().status().stateAsString());
            clock.advance(Duration.ofMinutes(10));
            assertEquals("WAITING", aws.emr().describeCluster(b -> b.clusterId(clusterId)).cluster().status().stateAsString());
            assertEquals(2, aws.emr().listInstanceGroups(b -> b.clusterId(clusterId)).instanceGroups().size(),
                    "the template's master and core groups");
        }
        assertEquals(List.of(), log);
    }

    /** The stack's status, the cluster's state and the notebook's status, each from its own service. */
    private static List<String> states(AwsClients aws, String clusterId, String notebook) {
        return List.of(aws.cloudFormation().describeStacks(b -> b.stackName("timed")).stacks().get(0).stackStatusAsString(),
                aws.emr().describeCluster(b -> b.clusterId(clusterId)).cluster().status().stateAsString(),
                aws.sageMaker().describeNotebookInstance(b -> b.notebookInstanceName(notebook))
                        .notebookInstanceStatusAsString());
    }

    private static List<String> ids(AwsClients aws, ClusterState state) {
        return aws.emr().listClusters(b -> b.clusterStates(state)).clusters().stream().map(ClusterSummary::id).toList();
    }

    private static List<String> completed(AwsClients aws) {
        return aws.cloudFormation().describeStackEvents(b -> b.stackName("timed")).stackEvents().stream()
                .filter(e -> e.resourceStatusAsString().equals("CREATE_COMPLETE") && !e.logicalResourceId().equals("timed"))
                .map(e -> e.logicalResourceId() + " " + e.resourceStatusAsString()).sorted().toList();
    }
}
