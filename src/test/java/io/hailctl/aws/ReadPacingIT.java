package io.hailctl.aws;

import io.hailctl.deploy.ReadPace;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every control-plane read of every client takes a slot of the run's pace; writes and S3 traffic do not. */
@ExtendWith(MotoExtension.class)
class ReadPacingIT {

    @Test
    void controlPlaneReadsOfAnyClientTakeASlotAndNothingElseDoes(Moto moto) {
        FakeClock clock = new FakeClock();
        ReadPace pace = new ReadPace(clock, clock, 4, Duration.ofSeconds(1));
        try (AwsClients aws = moto.clients()) {
            aws.paceReads(pace);
            aws.s3().createBucket(b -> b.bucket("pacing-bucket"));
            aws.s3().putObject(p -> p.bucket("pacing-bucket").key("k"), RequestBody.fromString("x"));
            aws.s3().getObjectAsBytes(g -> g.bucket("pacing-bucket").key("k"));
            aws.s3().listObjectsV2(l -> l.bucket("pacing-bucket"));
            assertEquals(0, pace.granted(), "S3 is data-plane traffic, not paced");
            aws.cloudFormation().listStacks();
            aws.cloudFormation().describeStacks();
            aws.ec2().describeVpcs();
            aws.ssm().putParameter(p -> p.name("/pacing/x").value("1").type("String"));
            assertEquals(3, pace.granted(), "three reads; the SSM write is not one");
            aws.ssm().getParameter(g -> g.name("/pacing/x"));
            aws.codeBuild().batchGetBuilds(b -> b.ids("none:1"));
            aws.sts().getCallerIdentity();
            assertEquals(6, pace.granted());
            assertEquals(List.of(Duration.ofSeconds(1)), clock.sleeps(),
                    "the fifth read waited for the first to leave the window, once");
        }
    }

    @Test
    void theRuleIsTheBenchmarksDefinitionOfARead() {
        assertTrue(ReadPacingInterceptor.isControlPlaneRead("CloudFormation", "DescribeStackEvents"));
        assertTrue(ReadPacingInterceptor.isControlPlaneRead("CloudFormation", "ListStacks"));
        assertTrue(ReadPacingInterceptor.isControlPlaneRead("CodeBuild", "BatchGetBuilds"));
        assertTrue(ReadPacingInterceptor.isControlPlaneRead("SSM", "GetParameter"));
        assertTrue(ReadPacingInterceptor.isControlPlaneRead("STS", "GetCallerIdentity"));
        assertFalse(ReadPacingInterceptor.isControlPlaneRead("S3", "GetObject"));
        assertFalse(ReadPacingInterceptor.isControlPlaneRead("S3", "ListObjectsV2"));
        assertFalse(ReadPacingInterceptor.isControlPlaneRead("S3", "HeadObject"));
        assertFalse(ReadPacingInterceptor.isControlPlaneRead("CloudFormation", "CreateStack"));
        assertFalse(ReadPacingInterceptor.isControlPlaneRead("CloudWatchLogs", "FilterLogEvents"),
                "not a read by the benchmark's names either");
    }
}
