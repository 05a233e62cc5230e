package io.hailctl.aws;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.ec2.Ec2Client;
import software.amazon.awssdk.services.ec2.TrimmedEc2Client;
import software.amazon.awssdk.services.sagemaker.SageMakerClient;
import software.amazon.awssdk.services.sagemaker.TrimmedSageMakerClient;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/**
 * A trimmed client implements only some operations; any other is the SDK interface's default, which
 * throws UnsupportedOperationException. This reads hailctl's own bytecode and fails for an operation
 * called on the interface that the trimmed client does not implement (a paginator counts as its
 * operation, a builder-lambda overload as the request overload).
 */
class TrimmedClientsTest {
    private static final Map<Class<?>, Class<?>> TRIMMED = Map.of(Ec2Client.class, TrimmedEc2Client.class,
            SageMakerClient.class, TrimmedSageMakerClient.class);
    private static final Set<String> NOT_OPERATIONS = Set.of("builder", "create", "close", "serviceName",
            "serviceClientConfiguration");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hailctl");

    @Test
    void everyOperationHailctlCallsIsImplemented() {
        TRIMMED.forEach((sdk, trimmed) -> {
            Set<String> called = classes.stream().flatMap(c -> c.getMethodCallsFromSelf().stream())
                    .filter(call -> call.getTargetOwner().isEquivalentTo(sdk))
                    .map(JavaMethodCall::getName)
                    .map(name -> name.endsWith("Paginator") ? name.substring(0, name.length() - "Paginator".length()) : name)
                    .filter(name -> !NOT_OPERATIONS.contains(name))
                    .collect(Collectors.toCollection(TreeSet::new));
            assertFalse(called.isEmpty(), "hailctl calls " + sdk.getSimpleName() + " somewhere");
            Set<String> implemented = Arrays.stream(trimmed.getDeclaredMethods())
                    .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers()) && m.getParameterCount() == 1
                            && m.getParameterTypes()[0].getSimpleName().endsWith("Request"))
                    .map(java.lang.reflect.Method::getName)
                    .collect(Collectors.toCollection(TreeSet::new));
            Set<String> missing = new TreeSet<>(called);
            missing.removeAll(implemented);
            assertEquals(Set.of(), missing, sdk.getSimpleName() + " operations hailctl calls that "
                    + trimmed.getSimpleName() + " lacks");
        });
    }
}
