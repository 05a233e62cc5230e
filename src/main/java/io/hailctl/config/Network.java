package io.hailctl.config;

import java.util.Objects;

/**
 * The VPC and the one subnet shared by notebooks and EMR clusters. {@value #DEFAULT} stands for the
 * region's default VPC (and a default subnet of it); the AWS layer resolves it to real ids.
 */
public record Network(String vpcId, String subnetId) {
    public static final String DEFAULT = "default";

    public Network {
        Objects.requireNonNull(vpcId, "vpcId");
        Objects.requireNonNull(subnetId, "subnetId");
    }

    public boolean usesDefaultVpc() {
        return DEFAULT.equals(vpcId);
    }

    public boolean usesDefaultSubnet() {
        return DEFAULT.equals(subnetId);
    }
}
