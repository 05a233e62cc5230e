package io.hailctl;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** The dependency rule of docs/architecture.md, enforced. */
class ArchitectureTest {
    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hailctl");

    @Test
    void onlyTheAwsPackageImportsTheSdk() {
        noClasses().that().resideOutsideOfPackage("io.hailctl.aws..")
                .should().dependOnClassesThat().resideInAPackage("software.amazon.awssdk..")
                .check(classes);
    }

    @Test
    void planIsPure() {
        noClasses().that().resideInAPackage("io.hailctl.plan..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.hailctl.deploy..", "io.hailctl.cli..", "io.hailctl.aws..", "io.hailctl.local..",
                        "io.hailctl.progress..", "java.net..", "java.io..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void deployTalksToAwsOnlyThroughPorts() {
        noClasses().that().resideInAPackage("io.hailctl.deploy..")
                .should().dependOnClassesThat().resideInAnyPackage("io.hailctl.cli..", "io.hailctl.aws..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void configKnowsNothingOfAwsOrTheCommandLine() {
        noClasses().that().resideInAPackage("io.hailctl.config..")
                .should().dependOnClassesThat().resideInAnyPackage(
                        "io.hailctl.cli..", "io.hailctl.aws..", "io.hailctl.deploy..", "picocli..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void onlyTheCommandLineWritesToTheTerminal() {
        noClasses().that().resideOutsideOfPackages("io.hailctl.cli..", "io.hailctl.progress..")
                .and().doNotHaveFullyQualifiedName("io.hailctl.Main")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(classes);
    }
}
