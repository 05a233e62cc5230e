package io.hailctl.aws;

import java.net.URI;
import java.util.Optional;

/**
 * Where AWS calls go, after hailctl's own precedence (flag &gt; environment &gt; hailctl.yaml) was applied.
 *
 * @param region   the region if one was given; otherwise the profile's region is used
 * @param profile  the AWS profile if one was given; otherwise the SDK's default chain
 * @param endpoint an endpoint override (local emulator or --endpoint-url)
 * @param emulator true for the local emulator: dummy credentials, region us-east-1
 */
public record AwsTarget(Optional<String> region, Optional<String> profile, Optional<URI> endpoint, boolean emulator) {

    public static AwsTarget emulator(URI endpoint) {
        return new AwsTarget(Optional.of(EMULATOR_REGION), Optional.empty(), Optional.of(endpoint), true);
    }

    /** moto's default region: the one with a default VPC and six subnets. */
    public static final String EMULATOR_REGION = "us-east-1";
}
