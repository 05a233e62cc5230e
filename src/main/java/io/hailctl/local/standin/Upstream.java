package io.hailctl.local.standin;

/** Where a request goes next: the rest of the gap chain, and finally the moto server. */
@FunctionalInterface
public interface Upstream {
    AwsResponse send(AwsRequest request);
}
