package org.careledger.query.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.careledger.query.archcyclea.A;
import org.careledger.query.archcycleb.B;
import org.careledger.query.archfixture.LeakyProjection;
import org.careledger.query.archfixture.SqlController;
import org.careledger.query.archfixture.UnmarkedController;
import org.careledger.query.archfixture.UnmarkedProjection;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each query-side rule fails on test-only classes made to break it ({@code archfixture},
 * {@code archcyclea}/{@code archcycleb}); the main check never sees them (it leaves tests out).
 */
class QueryRulesBiteTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importClasses(SqlController.class, UnmarkedController.class,
                UnmarkedProjection.class, LeakyProjection.class, A.class, B.class);
    }

    @Test
    void aWebAdapterWithADatabaseClientFails() {
        assertViolation(QueryRules.NO_SQL_IN_WEB_ADAPTERS, "SqlController");
    }

    @Test
    void aControllerNotMarkedAsAWebAdapterFails() {
        assertViolation(QueryRules.EVERY_CONTROLLER_IS_A_WEB_ADAPTER, "UnmarkedController");
    }

    @Test
    void aProcessingGroupNotMarkedAsAProjectionFails() {
        assertViolation(QueryRules.EVERY_PROCESSING_GROUP_IS_A_PROJECTION, "UnmarkedProjection");
    }

    @Test
    void aProjectionImportingAControllerFails() {
        assertViolation(QueryRules.NO_PROJECTION_IMPORTS_A_CONTROLLER, "LeakyProjection");
    }

    @Test
    void twoPackagesImportingEachOtherFail() {
        assertViolation(QueryRules.NO_PACKAGE_CYCLES, "archcyclea");
    }

    private static void assertViolation(ArchRule rule, String culprit) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(culprit));
    }
}
