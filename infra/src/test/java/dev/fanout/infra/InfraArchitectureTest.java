package dev.fanout.infra;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.ArchConfiguration;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The CDK app deploys the product but is not part of it: its main code uses no Fanout module (only its tests
 * run the product, to make rows), so the Lambda jar never carries the CDK and the app never carries the product.
 */
class InfraArchitectureTest {

    @Test
    void theInfraMainCode_usesNoClassOfTheProductsModules() {
        // given
        // Only infra's own classes: the CDK classes they use are checked by name, not loaded (thousands of them).
        ArchConfiguration.get().setResolveMissingDependenciesFromClassPath(false);
        JavaClasses infra;
        try {
            infra = new ClassFileImporter().importPath(Path.of("target", "classes"));
        } finally {
            ArchConfiguration.get().reset();
        }

        // when / then
        noClasses().that().resideInAPackage("dev.fanout.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.fanout.ports..", "dev.fanout.domain..",
                        "dev.fanout.adapters..", "dev.fanout.bootstrap..")
                .allowEmptyShould(false)
                .because("infra deploys the Lambda jar as a file and depends on no module at compile or run time")
                .check(infra);
    }
}
