package io.hailctl.plan;

/**
 * The network as it really is, resolved by pre-flight checks before planning (e.g. `default` in
 * hailctl.yaml becomes the default VPC's id).
 */
public record NetworkFacts(String vpcId, String subnetId, String availabilityZone) {
}
