package io.hailctl.deploy.preflight;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The EC2 facts pre-flight checks read (port; the aws package implements it). */
public interface Ec2Facts {

    Optional<String> defaultVpc();

    Optional<Subnet> subnet(String subnetId);

    /** Subnets of a VPC. */
    List<Subnet> subnets(String vpcId);

    /**
     * The subnets that are their zone's default. EC2 has them only in the region's default VPC, so one
     * look-up (DescribeSubnets filtered on default-for-az) answers `vpcId: default` with `subnetId: default`.
     */
    default List<Subnet> defaultSubnets() {
        return defaultVpc().map(vpc -> subnets(vpc).stream().filter(Subnet::defaultForAz).toList()).orElse(List.of());
    }

    /** Which of {@code types} EC2 offers in this availability zone. */
    Set<String> offeredInstanceTypes(String availabilityZone, Collection<String> types);

    Optional<Image> image(String amiId);

    record Subnet(String id, String vpcId, String availabilityZone, boolean defaultForAz) {
    }

    record Image(String id, String name, String state, String architecture) {
    }
}
