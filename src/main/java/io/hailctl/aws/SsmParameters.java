package io.hailctl.aws;

import io.hailctl.deploy.ami.Parameters;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;

import java.util.Optional;
import java.util.function.Supplier;

/** {@link Parameters} on SSM Parameter Store. */
public final class SsmParameters implements Parameters {
    private final Supplier<SsmClient> ssm;

    public SsmParameters(SsmClient ssm) {
        this(() -> ssm);
    }

    /** With the client built on first use: a command that never calls Ssm never loads its SDK client. */
    public SsmParameters(Supplier<SsmClient> ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<String> get(String name) {
        try {
            return Optional.ofNullable(ssm().getParameter(b -> b.name(name)).parameter().value());
        } catch (ParameterNotFoundException e) {
            return Optional.empty();
        } catch (software.amazon.awssdk.core.exception.SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    private SsmClient ssm() {
        return ssm.get();
    }
}
