package org.careledger.infra.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The module rules of ARCHITECTURE.md, checked over the classes of all modules together:
 * command side and query side meet only through the shared kernel's events.
 */
class ModuleBoundariesTest {

    private final JavaClasses all = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.careledger");

    @Test
    void everyModuleIsImported() {
        // the rules below would pass vacuously over an empty import
        assertThat(all.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith("org.careledger.command"))
                .anyMatch(p -> p.startsWith("org.careledger.query"))
                .anyMatch(p -> p.startsWith("org.careledger.kernel"))
                .anyMatch(p -> p.startsWith("org.careledger.infra"));
    }

    @Test
    void commandSideNeverImportsQuerySide() {
        noClasses().that().resideInAPackage("org.careledger.command..")
                .should().dependOnClassesThat().resideInAPackage("org.careledger.query..")
                .check(all);
    }

    @Test
    void querySideNeverImportsCommandSide() {
        noClasses().that().resideInAPackage("org.careledger.query..")
                .should().dependOnClassesThat().resideInAPackage("org.careledger.command..")
                .check(all);
    }

    @Test
    void sharedKernelHasNoSpringAndKnowsNoSide() {
        noClasses().that().resideInAPackage("org.careledger.kernel..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                        "org.careledger.command..", "org.careledger.query..", "org.careledger.infra..")
                .check(all);
    }

    @Test
    void onlyInfraKnowsTheEmbeddedStores() {
        noClasses().that().resideOutsideOfPackage("org.careledger.infra..")
                .should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "de.bwaldvogel..")
                .check(all);
    }
}
