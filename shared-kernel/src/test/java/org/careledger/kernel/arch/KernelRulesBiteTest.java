package org.careledger.kernel.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import org.careledger.kernel.archfixture.SideAwareValue;
import org.careledger.kernel.archfixture.SpringAwareValue;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Each kernel rule fails on test-only classes made to break it; the main check never sees them (it leaves tests out). */
class KernelRulesBiteTest {

    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importClasses(SpringAwareValue.class, SideAwareValue.class);
    }

    @Test
    void aKernelClassUsingSpringFails() {
        assertViolation(KernelRules.NO_SPRING, "SpringAwareValue");
    }

    @Test
    void aKernelClassKnowingTheCommandSideFails() {
        assertViolation(KernelRules.KNOWS_NO_SIDE, "SideAwareValue");
    }

    private static void assertViolation(ArchRule rule, String culprit) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as(rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anyMatch(line -> line.contains(culprit));
    }
}
