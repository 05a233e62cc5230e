package io.hailctl.aws;

import io.hailctl.deploy.ami.Parameters;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.Optional;

/** {@link Parameters} on SSM Parameter Store. */
public final class SsmParameters implements Parameters {
    private final SsmClient ssm;

    public SsmParameters(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<String> get(String name) {
        try {
            return Optional.ofNullable(ssm.getParameter(b -> b.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
