package io.hailctl.aws;

import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.preflight.Ec2Facts;
import io.hailctl.testing.CallCounter;
import io.hailctl.testing.Moto;
import io.hailctl.testing.MotoExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The subnet-tag step answers from pre-flight's DescribeSubnets while fresh, and reads again after its own tag. */
@ExtendWith(MotoExtension.class)
class SubnetTagsSeenIT {

    @Test
    void theTagsPreFlightReadServeTheSubnetTagStepUntilItTagsOrTheyAgeOut(Moto moto) {
        CallCounter calls = new CallCounter();
        FakeClock clock = new FakeClock();
        SubnetTagsSeen seen = new SubnetTagsSeen(clock);
        try (AwsClients aws = AwsClients.open(AwsTarget.emulator(moto.endpoint()), Map.of(), calls)) {
            Ec2Facts.Subnet subnet = new Ec2Lookups(aws.ec2(), Optional.of(seen)).defaultSubnets().get(0);
            Ec2SubnetTags tags = new Ec2SubnetTags(aws.ec2(), Optional.of(seen));
            assertEquals(Map.of(), tags.tags(subnet.id()));
            assertEquals(List.of("Ec2.DescribeSubnets"), calls.all(), "one DescribeSubnets for both");

            tags.add(subnet.id(), Map.of("for-use-with-amazon-emr-managed-policies", "true"));
            assertEquals(Map.of("for-use-with-amazon-emr-managed-policies", "true"), tags.tags(subnet.id()),
                    "after its own tag: read again");
            new Ec2Lookups(aws.ec2(), Optional.of(seen)).defaultSubnets();
            clock.advance(SubnetTagsSeen.FRESH.plus(Duration.ofMillis(1)));
            tags.tags(subnet.id());
            assertEquals(List.of("Ec2.DescribeSubnets", "Ec2.CreateTags", "Ec2.DescribeSubnets", "Ec2.DescribeSubnets",
                    "Ec2.DescribeSubnets"), calls.all(), "no longer fresh: read again");
        }
    }
}
