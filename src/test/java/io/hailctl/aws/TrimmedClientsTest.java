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
import static org.junit.jupiter.api.Assertions.assertTrue;

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

    /**
     * The canary for an SDK upgrade: the calls each generated operation method makes (the operation's own
     * names replaced by {@code Op}) are still the ones the trimmed clients copy. When this fails, compare
     * {@code javap -c -p} of the generated method with {@code TrimmedClientSupport.execute} and the trimmed
     * client's {@code execute}, update them, then this list.
     */
    @Test
    void theGeneratedOperationsAreStillTheOnesTheTrimmedClientsCopy() {
        Set<String> common = Set.of("ClientExecutionParams.<init>", "ClientExecutionParams.withErrorResponseHandler",
                "ClientExecutionParams.withInput", "ClientExecutionParams.withMarshaller",
                "ClientExecutionParams.withMetricCollector", "ClientExecutionParams.withOperationName",
                "ClientExecutionParams.withProtocolMetadata", "ClientExecutionParams.withRequestConfiguration",
                "ClientExecutionParams.withResponseHandler", "OpRequest.overrideConfiguration", "OpRequestMarshaller.<init>",
                "List.forEach", "List.isEmpty", "self.resolveMetricPublishers", "self.updateSdkClientConfiguration",
                "MetricCollector.create", "MetricCollector.reportMetric", "MetricCollector.collect", "MetricPublisher.publish",
                "NoOpMetricCollector.create", "Optional.orElse",
                "SyncClientHandler.execute");
        Set<String> ec2 = new TreeSet<>(common);
        ec2.addAll(Set.of("AwsEc2ProtocolFactory.createResponseHandler", "AwsEc2ProtocolFactory.createErrorResponseHandler"));
        Set<String> sageMaker = new TreeSet<>(common);
        sageMaker.addAll(Set.of("AwsJsonProtocolFactory.createResponseHandler", "self.createErrorResponseHandler",
                "JsonOperationMetadata.builder", "JsonOperationMetadata$Builder.hasStreamingSuccessResponse",
                "JsonOperationMetadata$Builder.isPayloadJson", "JsonOperationMetadata$Builder.build",
                // the error-code mapping lambda (TrimmedSageMakerClient.errorMetadata)
                "ExceptionMetadata.builder", "ExceptionMetadata$Builder.errorCode", "ExceptionMetadata$Builder.httpStatusCode",
                "ExceptionMetadata$Builder.exceptionBuilderSupplier", "ExceptionMetadata$Builder.build", "Integer.valueOf",
                "Optional.empty", "Optional.of", "String.equals", "String.hashCode"));
        Map<Class<?>, Set<String>> expected = Map.of(TrimmedEc2Client.class, ec2, TrimmedSageMakerClient.class, sageMaker);
        // Method references: the response builder, and (SageMaker) the exception types errors map to.
        Map<Class<?>, Set<String>> expectedReferences = Map.of(TrimmedEc2Client.class, Set.of("OpResponse.builder"),
                TrimmedSageMakerClient.class, Set.of("OpResponse.builder", "ResourceInUseException.builder",
                        "ConflictException.builder", "ResourceNotFoundException.builder", "ResourceLimitExceededException.builder"));
        TRIMMED.forEach((sdk, trimmed) -> {
            String generatedName = "Default" + sdk.getSimpleName();
            com.tngtech.archunit.core.domain.JavaClass generated = new ClassFileImporter()
                    .importUrl(sdk.getResource(generatedName + ".class")).get(sdk.getPackageName() + "." + generatedName);
            for (java.lang.reflect.Method m : trimmed.getDeclaredMethods()) {
                if (!java.lang.reflect.Modifier.isPublic(m.getModifiers()) || m.getParameterCount() != 1
                        || !m.getParameterTypes()[0].getSimpleName().endsWith("Request")) {
                    continue;
                }
                String op = m.getParameterTypes()[0].getSimpleName().replaceAll("Request$", "");
                Set<String> calls = new TreeSet<>();
                Set<String> references = new TreeSet<>();
                var method = generated.getMethod(m.getName(), m.getParameterTypes()[0]);
                method.getCallsFromSelf().forEach(call -> calls.add(shortName(call.getTargetOwner().getName(), generated, op)
                        + "." + call.getName()));
                method.getMethodReferencesFromSelf().forEach(ref -> references.add(
                        shortName(ref.getTargetOwner().getName(), generated, op) + "." + ref.getName()));
                assertEquals(expected.get(trimmed), calls, generatedName + "." + m.getName());
                assertEquals(expectedReferences.get(trimmed), references, generatedName + "." + m.getName());
            }
        });
        // ... and the trimmed clients refer to the same exception types.
        Set<String> trimmedReferences = new TreeSet<>();
        new ClassFileImporter().importClasses(TrimmedSageMakerClient.class).get(TrimmedSageMakerClient.class)
                .getMethodReferencesFromSelf().forEach(ref -> trimmedReferences.add(
                        ref.getTargetOwner().getSimpleName() + "." + ref.getName()));
        assertTrue(trimmedReferences.containsAll(Set.of("ResourceInUseException.builder", "ConflictException.builder",
                "ResourceNotFoundException.builder", "ResourceLimitExceededException.builder")), trimmedReferences.toString());
    }

    private static String shortName(String owner, com.tngtech.archunit.core.domain.JavaClass generated, String op) {
        return owner.equals(generated.getName()) ? "self" : owner.substring(owner.lastIndexOf('.') + 1).replace(op, "Op");
    }
}
