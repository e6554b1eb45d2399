package org.careledger.query.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.careledger.query.whitelist.WhiteListProjection;

/**
 * The query side's architecture, over its main classes imported once for every rule
 * ({@link AnalyzeClasses} caches them).
 */
@AnalyzeClasses(packages = "org.careledger.query", importOptions = ImportOption.DoNotIncludeTests.class)
class QuerySideArchitectureTest {

    @ArchTest
    static void theRulesSeeTheQuerySide(JavaClasses query) {
        assertThat(query.contain(WhiteListProjection.class)).isTrue();
        assertThat(query.contain("org.careledger.query.supervision.AttendanceDayCount")).isTrue();
        assertThat(query.stream().filter(c -> c.isAnnotatedWith(org.careledger.kernel.stereotype.WebAdapter.class)))
                .hasSizeGreaterThanOrEqualTo(8);
        assertThat(query.stream().filter(c -> c.isAnnotatedWith(org.careledger.kernel.stereotype.Projection.class)))
                .hasSizeGreaterThanOrEqualTo(7);
    }

    @ArchTest
    static final ArchRule querySideNeverImportsCommandSide = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.careledger.command..");

    @ArchTest
    static final ArchRule theFoldsHaveNoIo = noClasses().that().haveSimpleName("InstitutionViewReducer")
            .or().haveNameMatching("org\\.careledger\\.query\\.supervision\\.AttendanceDayCount(\\$.*)?")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "java.sql..");

    @ArchTest
    static final ArchRule noSqlInWebAdapters = QueryRules.NO_SQL_IN_WEB_ADAPTERS;

    @ArchTest
    static final ArchRule everyControllerIsAWebAdapter = QueryRules.EVERY_CONTROLLER_IS_A_WEB_ADAPTER;

    @ArchTest
    static final ArchRule everyProcessingGroupIsAProjection = QueryRules.EVERY_PROCESSING_GROUP_IS_A_PROJECTION;

    @ArchTest
    static final ArchRule noProjectionImportsAController = QueryRules.NO_PROJECTION_IMPORTS_A_CONTROLLER;

    @ArchTest
    static final ArchRule noPackageCycles = QueryRules.NO_PACKAGE_CYCLES;
}
