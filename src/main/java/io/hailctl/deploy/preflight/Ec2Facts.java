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

    /** Which of {@code types} EC2 offers in this availability zone. */
    Set<String> offeredInstanceTypes(String availabilityZone, Collection<String> types);

    Optional<Image> image(String amiId);

    record Subnet(String id, String vpcId, String availabilityZone, boolean defaultForAz) {
    }

    record Image(String id, String name, String state, String architecture) {
    }
}
