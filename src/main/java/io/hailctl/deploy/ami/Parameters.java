package io.hailctl.deploy.ami;

import java.util.Optional;

/** The SSM Parameter Store port: where builds record the AMI they made. */
public interface Parameters {
    Optional<String> get(String name);
}
