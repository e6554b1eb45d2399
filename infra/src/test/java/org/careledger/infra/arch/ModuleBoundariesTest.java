package org.careledger.infra.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The module rules of docs/architecture.md, checked over the classes of all modules together,
 * imported once for every rule ({@link AnalyzeClasses} caches them): command side and query side
 * meet only through the shared kernel's events; aggregates do no I/O; web adapters hold no SQL;
 * controllers do not depend on other controllers.
 */
@AnalyzeClasses(packages = "org.careledger", importOptions = ImportOption.DoNotIncludeTests.class)
class ModuleBoundariesTest {

    @ArchTest
    static void everyModuleIsImported(JavaClasses all) {
        // the rules below would pass vacuously over an empty import
        assertThat(all.stream().map(c -> c.getPackageName()).distinct())
                .anyMatch(p -> p.startsWith("org.careledger.command"))
                .anyMatch(p -> p.startsWith("org.careledger.query"))
                .anyMatch(p -> p.startsWith("org.careledger.kernel"))
                .anyMatch(p -> p.startsWith("org.careledger.infra"));
        assertThat(all.stream().filter(c -> ModuleRules.isAggregate(c))).hasSizeGreaterThanOrEqualTo(5);
    }

    @ArchTest
    static final ArchRule commandSideNeverImportsQuerySide = noClasses().that().resideInAPackage("org.careledger.command..")
            .should().dependOnClassesThat().resideInAPackage("org.careledger.query..");

    @ArchTest
    static final ArchRule querySideNeverImportsCommandSide = noClasses().that().resideInAPackage("org.careledger.query..")
            .should().dependOnClassesThat().resideInAPackage("org.careledger.command..");

    @ArchTest
    static final ArchRule sharedKernelHasNoSpringAndKnowsNoSide = noClasses().that().resideInAPackage("org.careledger.kernel..")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..",
                    "org.careledger.command..", "org.careledger.query..", "org.careledger.infra..");

    @ArchTest
    static final ArchRule onlyInfraKnowsTheEmbeddedStores = noClasses().that().resideOutsideOfPackage("org.careledger.infra..")
            .should().dependOnClassesThat().resideInAnyPackage("io.zonky..", "de.bwaldvogel..");

    @ArchTest
    static final ArchRule aggregatesDoNoIo = ModuleRules.AGGREGATES_DO_NO_IO;

    @ArchTest
    static final ArchRule webAdaptersHoldNoSql = ModuleRules.WEB_ADAPTERS_HOLD_NO_SQL;

    @ArchTest
    static final ArchRule controllersDoNotDependOnOtherControllers = ModuleRules.CONTROLLERS_DO_NOT_DEPEND_ON_OTHER_CONTROLLERS;
}
