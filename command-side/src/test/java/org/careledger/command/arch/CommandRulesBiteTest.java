package org.careledger.command.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.careledger.command.archfixture.QueryAwareHandler;
import org.careledger.command.archfixture.SqlController;
import org.careledger.command.archfixture.SqlRules;
import org.careledger.command.archfixture.UnmarkedController;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Each command-side rule fails on test-only classes made to break it ({@code archfixture}); the main
 * check never sees them (it leaves tests out).
 */
class CommandRulesBiteTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importClasses(QueryAwareHandler.class, SqlRules.class, SqlController.class,
                UnmarkedController.class);
    }

    @Test
    void aCommandSideClassImportingTheQuerySideFails() {
        assertViolation(CommandRules.NEVER_IMPORTS_QUERY_SIDE, "QueryAwareHandler");
    }

    @Test
    void rulesReadingTheDatabaseFail() {
        assertViolation(CommandRules.AGGREGATE_AND_RULES_HAVE_NO_SPRING_AND_NO_SQL, "SqlRules");
    }

    @Test
    void aWebAdapterWithADatabaseClientFails() {
        assertViolation(CommandRules.NO_SQL_IN_WEB_ADAPTERS, "SqlController");
    }

    @Test
    void aControllerNotMarkedAsAWebAdapterFails() {
        assertViolation(CommandRules.EVERY_CONTROLLER_IS_A_WEB_ADAPTER, "UnmarkedController");
    }

    private static void assertViolation(ArchRule rule, String culprit) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(culprit));
    }
}
