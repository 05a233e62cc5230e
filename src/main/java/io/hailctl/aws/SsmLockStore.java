package io.hailctl.aws;

import io.hailctl.deploy.EnvironmentLock;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterAlreadyExistsException;
import software.amazon.awssdk.services.ssm.model.ParameterNotFoundException;
import software.amazon.awssdk.services.ssm.model.ParameterType;

import java.util.Optional;

/**
 * {@link EnvironmentLock.Store} on SSM Parameter Store: PutParameter without Overwrite is an atomic
 * create-if-absent (ParameterAlreadyExists otherwise), shared by every machine using the account and
 * region, and it needs nothing hailctl deploys (unlike an object in the hail bucket).
 */
public final class SsmLockStore implements EnvironmentLock.Store {
    private final SsmClient ssm;

    public SsmLockStore(SsmClient ssm) {
        this.ssm = ssm;
    }

    @Override
    public Optional<String> createIfAbsent(String name, String value) {
        Optional<String> existing = tryCreate(name, value);
        // Released between our create and our read: one more try decides it.
        return existing.isPresent() && existing.get().isEmpty() ? tryCreate(name, value) : existing;
    }

    private Optional<String> tryCreate(String name, String value) {
        try {
            ssm.putParameter(b -> b.name(name).value(value).type(ParameterType.STRING).overwrite(false)
                    .description("hailctl: a run is changing this environment"));
            return Optional.empty();
        } catch (ParameterAlreadyExistsException e) {
            return Optional.of(read(name).orElse(""));
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }

    @Override
    public Optional<String> read(String name) {
        return new SsmParameters(ssm).get(name);
    }

    @Override
    public void delete(String name) {
        try {
            ssm.deleteParameter(b -> b.name(name));
        } catch (ParameterNotFoundException e) {
            // already gone: what delete wanted
        } catch (SdkException e) {
            throw AwsCalls.translated(e);
        }
    }
}
