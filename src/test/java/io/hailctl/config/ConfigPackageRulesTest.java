package io.hailctl.config;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The config package stays pure: no AWS, no CLI, and one reader of the process environment. */
class ConfigPackageRulesTest {
    private static final JavaClasses CONFIG = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.hailctl.config");

    @Test
    void noAwsSdkOrPicocli() {
        noClasses().that().resideInAPackage("io.hailctl.config..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "picocli..")
                .check(CONFIG);
    }

    @Test
    void onlyPrecedenceReadsTheProcessEnvironment() {
        noClasses().that().resideInAPackage("io.hailctl.config..").and().doNotHaveSimpleName("Precedence")
                .should().callMethod(System.class, "getenv")
                .orShould().callMethod(System.class, "getenv", String.class)
                .check(CONFIG);
    }

    @Test
    void nothingWritesToTheTerminal() {
        noClasses().that().resideInAPackage("io.hailctl.config..")
                .should().accessField(System.class, "out")
                .orShould().accessField(System.class, "err")
                .check(CONFIG);
    }
}
