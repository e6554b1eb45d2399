package org.careledger.infra.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.careledger.infra.archfixture.AnswerController;
import org.careledger.infra.archfixture.FileReadingAggregate;
import org.careledger.infra.archfixture.JdbcWebAdapter;
import org.careledger.infra.archfixture.LeaningController;
import org.careledger.infra.archfixture.NestedTypeController;
import org.careledger.infra.archfixture.SqlAggregate;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each module rule fails on test-only classes made to break it; the main check never sees them. */
class ModuleRulesBiteTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importClasses(FileReadingAggregate.class, SqlAggregate.class,
                JdbcWebAdapter.class, AnswerController.class, AnswerController.Answer.class, LeaningController.class,
                NestedTypeController.class);
    }

    @Test
    void anAggregateReadingAFileFails() {
        assertViolation(ModuleRules.AGGREGATES_DO_NO_IO, "FileReadingAggregate");
    }

    @Test
    void anAxonAggregateUsingJdbcFails() {
        assertViolation(ModuleRules.AGGREGATES_DO_NO_IO, "SqlAggregate");
    }

    @Test
    void aWebAdapterWithAJdbcTemplateFails() {
        assertViolation(ModuleRules.WEB_ADAPTERS_HOLD_NO_SQL, "JdbcWebAdapter");
    }

    @Test
    void aControllerCallingAnotherControllersHandlerFails() {
        assertViolation(ModuleRules.CONTROLLERS_DO_NOT_DEPEND_ON_OTHER_CONTROLLERS, "LeaningController");
    }

    @Test
    void aControllerUsingATypeNestedInAnotherControllerFails() {
        assertViolation(ModuleRules.CONTROLLERS_DO_NOT_DEPEND_ON_OTHER_CONTROLLERS, "NestedTypeController");
    }

    @Test
    void aControllerUsingItsOwnNestedTypeDoesNotFail() {
        EvaluationResult result = ModuleRules.CONTROLLERS_DO_NOT_DEPEND_ON_OTHER_CONTROLLERS.evaluate(fixtures);
        assertThat(result.getFailureReport().getDetails())
                .noneMatch(line -> line.startsWith("Method <" + AnswerController.class.getName())
                        || line.startsWith("Constructor <" + AnswerController.class.getName())
                        || line.startsWith("Class <" + AnswerController.class.getName()));
    }

    private static void assertViolation(ArchRule rule, String culprit) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(culprit));
    }
}
