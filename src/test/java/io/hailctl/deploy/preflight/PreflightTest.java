package io.hailctl.deploy.preflight;

import io.hailctl.ExitCode;
import io.hailctl.HailctlException;
import io.hailctl.bundle.Bundle;
import io.hailctl.config.HailctlConfig;
import io.hailctl.deploy.ami.PublicAmis;
import io.hailctl.deploy.fakes.FakeClock;
import io.hailctl.deploy.fakes.FakeStacks;
import io.hailctl.plan.Configs;
import io.hailctl.plan.NetworkFacts;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PreflightTest {
    private static final String VPC = "vpc-0123456789abcdef0";
    private static final String SUBNET = "subnet-0123456789abcdef0";

    private final FakeStacks stacks = new FakeStacks(new FakeClock());
    private final Map<String, BucketProbe.Ownership> buckets = new HashMap<>();
    private final FakeEc2 ec2 = new FakeEc2();

    /** EC2 as pre-flight sees it, in memory. */
    private static final class FakeEc2 implements Ec2Facts {
        Optional<String> defaultVpc = Optional.of("vpc-0000000000000000d");
        final List<Subnet> subnets = new ArrayList<>(List.of(
                new Subnet(SUBNET, VPC, "us-east-1a", false),
                new Subnet("subnet-000000000000000d2", "vpc-0000000000000000d", "us-east-1c", true),
                new Subnet("subnet-000000000000000d1", "vpc-0000000000000000d", "us-east-1b", true),
                new Subnet("subnet-0aaaaaaaaaaaaaaa1", "vpc-0aaaaaaaaaaaaaaa0", "us-east-1a", false)));
        final Set<String> offered = new TreeSet<>(Set.of("m5.xlarge", "r5.xlarge"));
        final Map<String, Image> images = new HashMap<>();
        /** Each look-up, as the reads a real run would make. */
        final List<String> calls = java.util.Collections.synchronizedList(new ArrayList<>());

        @Override
        public Optional<String> defaultVpc() {
            calls.add("defaultVpc");
            return defaultVpc;
        }

        /** As EC2's default-for-az filter: default subnets exist only in the default VPC. */
        @Override
        public List<Subnet> defaultSubnets() {
            calls.add("defaultSubnets");
            return defaultVpc.isEmpty() ? List.of() : subnets.stream().filter(Subnet::defaultForAz).toList();
        }

        @Override
        public Optional<Subnet> subnet(String id) {
            return subnets.stream().filter(s -> s.id().equals(id)).findFirst();
        }

        @Override
        public List<Subnet> subnets(String vpcId) {
            return subnets.stream().filter(s -> s.vpcId().equals(vpcId)).toList();
        }

        @Override
        public Set<String> offeredInstanceTypes(String az, Collection<String> types) {
            calls.add("offered " + new TreeSet<>(types));
            Set<String> out = new TreeSet<>(types);
            out.retainAll(offered);
            return out;
        }

        @Override
        public Optional<Image> image(String amiId) {
            return Optional.ofNullable(images.get(amiId));
        }
    }

    private Preflight preflight() {
        return new Preflight(ec2, b -> buckets.getOrDefault(b, BucketProbe.Ownership.FREE), stacks, "us-east-1",
                () -> PublicAmis.parse(new Bundle().text("catalog/public-amis.csv")));
    }

    private static HailctlConfig config(String network, String extra) {
        return Configs.parse("""
                environment: demo
                network:
                %s
                buckets:
                  hail: demo-hail-bucket
                  logs: demo-log-bucket
                  jupyter: demo-jupyter-bucket
                users:
                  - name: alice
                """.formatted(network) + extra);
    }

    private static HailctlConfig explicit(String extra) {
        return config("  vpcId: " + VPC + "\n  subnetId: " + SUBNET, extra);
    }

    private String refusal(HailctlConfig config) {
        HailctlException e = assertThrows(HailctlException.class, () -> preflight().check(config));
        assertEquals(ExitCode.REFUSED, e.exitCode());
        return e.getMessage();
    }

    @Test
    void defaultMeansTheDefaultVpcAndItsDefaultSubnetInTheFirstZone() {
        NetworkFacts n = preflight().check(config("  vpcId: default\n  subnetId: default", ""));
        assertEquals(new NetworkFacts("vpc-0000000000000000d", "subnet-000000000000000d1", "us-east-1b"), n);
    }

    @Test
    void theDefaultVpcAndSubnetTakeOneLookUpAndEveryClustersTypesAnother() {
        NetworkFacts n = preflight().check(config("  vpcId: default\n  subnetId: default", """
                clusters:
                  - name: hail
                    masterType: m5.xlarge
                    coreType: m5.xlarge
                  - name: vep
                    masterType: r5.xlarge
                    coreType: m5.xlarge
                """));
        assertEquals(new NetworkFacts("vpc-0000000000000000d", "subnet-000000000000000d1", "us-east-1b"), n);
        assertEquals(List.of("defaultSubnets", "offered [m5.xlarge, r5.xlarge]"), List.copyOf(ec2.calls),
                "reads are paced: one subnet look-up answers both defaults, one offering look-up all clusters");
    }

    @Test
    void aClusterWhoseTypeIsNotOfferedIsNamedThoughAllWereLookedUpTogether() {
        assertEquals("cluster vep: masterType = m5.4xlarge is not offered in us-east-1b (the zone of subnet "
                        + "subnet-000000000000000d1)",
                refusal(config("  vpcId: default\n  subnetId: default", """
                        clusters:
                          - name: hail
                            masterType: m5.xlarge
                            coreType: m5.xlarge
                          - name: vep
                            masterType: m5.4xlarge
                            coreType: m5.xlarge
                        """)));
    }

    @Test
    void aRegionWithoutADefaultVpcIsNamed() {
        ec2.defaultVpc = Optional.empty();
        assertEquals("network.vpcId = default: region us-east-1 has no default VPC",
                refusal(config("  vpcId: default\n  subnetId: default", "")));
    }

    @Test
    void anUnknownSubnetOrOneOutsideTheVpcIsNamed() {
        assertEquals("network.subnetId = subnet-0bbbbbbbbbbbbbbb1: no such subnet in us-east-1",
                refusal(config("  vpcId: " + VPC + "\n  subnetId: subnet-0bbbbbbbbbbbbbbb1", "")));
        assertEquals("network.subnetId = subnet-0aaaaaaaaaaaaaaa1 is in vpc-0aaaaaaaaaaaaaaa0, not in network.vpcId = " + VPC,
                refusal(config("  vpcId: " + VPC + "\n  subnetId: subnet-0aaaaaaaaaaaaaaa1", "")));
    }

    @Test
    void aNotebookAlreadyInAnotherSubnetIsRefusedNamingBoth() {
        stacks.existing("demo-jupyter-bob", "CREATE_COMPLETE", Map.of("SubnetId", "subnet-0aaaaaaaaaaaaaaa1"), Map.of(),
                Map.of(), List.of());
        assertEquals("stack demo-jupyter-bob uses subnet subnet-0aaaaaaaaaaaaaaa1 but hailctl.yaml now says " + SUBNET
                + ": every notebook and cluster must share one subnet (Livy routing)", refusal(explicit("")));
    }

    @Test
    void anExplicitAmiMustExistInTheRegionAndBeAvailable() {
        assertEquals("ami.source = ami-0123456789abcdef0: no such AMI in us-east-1 (AMIs are regional)",
                refusal(explicit("ami:\n  source: ami-0123456789abcdef0\n  vepVersion: none\n")));
        ec2.images.put("ami-0123456789abcdef0", new Ec2Facts.Image("ami-0123456789abcdef0", "hail", "pending", "x86_64"));
        assertEquals("ami.source = ami-0123456789abcdef0 is pending, not available",
                refusal(explicit("ami:\n  source: ami-0123456789abcdef0\n")));
    }

    @Test
    void instanceTypesMustBeOfferedInTheSubnetsZone() {
        assertEquals("cluster hail: masterType = m5.4xlarge is not offered in us-east-1a (the zone of subnet " + SUBNET + ")",
                refusal(explicit("emr:\n  masterType: m5.4xlarge\n")));
    }

    @Test
    void bucketNamesMustBeFreeOrThisEnvironments() {
        buckets.put("demo-hail-bucket", BucketProbe.Ownership.FOREIGN);
        assertEquals("buckets.hail = demo-hail-bucket: the name belongs to another AWS account (bucket names are global)",
                refusal(explicit("")));
        buckets.put("demo-hail-bucket", BucketProbe.Ownership.OURS);
        assertEquals("buckets.hail = demo-hail-bucket: the bucket already exists in this account but not in this "
                + "environment's stack demo-s3", refusal(explicit("")));
        stacks.existing("demo-s3", "CREATE_COMPLETE", Map.of("HailBucketName", "demo-hail-bucket"), Map.of(), Map.of(), List.of());
        assertEquals(SUBNET, preflight().check(explicit("")).subnetId(), "this environment's own bucket is fine");
    }

    @Test
    void whenSeveralChecksRefuseTheFirstInOrderIsReportedWhateverTheTiming() {
        stacks.existing("demo-emr-hail", "CREATE_COMPLETE", Map.of("SubnetId", "subnet-0aaaaaaaaaaaaaaa1"), Map.of(),
                Map.of(), List.of());
        buckets.put("demo-log-bucket", BucketProbe.Ownership.FOREIGN);
        for (int i = 0; i < 20; i++) {
            String message = refusal(explicit("emr:\n  coreType: c7gn.16xlarge\n"));
            assertEquals(true, message.startsWith("stack demo-emr-hail uses subnet"), message);
        }
    }
}
