package org.careledger.kernel.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import static org.assertj.core.api.Assertions.assertThat;

class SharedKernelArchitectureTest {

    private final JavaClasses kernel = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.careledger.kernel");

    @Test
    void theRuleInspectsTheKernelsRealClasses() {
        // guards against a rule that passes because it looked at nothing
        assertThat(kernel.contain(org.careledger.kernel.filing.FilingSubmitted.class)).isTrue();
    }

    @Test
    void sharedKernelHasNoSpring() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .check(kernel);
    }

    @Test
    void sharedKernelDoesNotKnowTheSidesThatUseIt() {
        noClasses().should().dependOnClassesThat()
                .resideInAnyPackage("org.careledger.command..", "org.careledger.query..", "org.careledger.infra..")
                .check(kernel);
    }
}
