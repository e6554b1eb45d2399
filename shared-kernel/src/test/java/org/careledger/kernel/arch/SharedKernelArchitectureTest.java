package org.careledger.kernel.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The kernel's rules over its main classes, imported once for every rule ({@link AnalyzeClasses} caches them). */
@AnalyzeClasses(packages = "org.careledger.kernel", importOptions = ImportOption.DoNotIncludeTests.class)
class SharedKernelArchitectureTest {

    @ArchTest
    static void theRulesInspectTheKernelsRealClasses(JavaClasses kernel) {
        // guards against a rule that passes because it looked at nothing
        assertThat(kernel.contain(org.careledger.kernel.filing.FilingSubmitted.class)).isTrue();
        assertThat(kernel.stream().anyMatch(c -> c.getPackageName().contains("archfixture"))).isFalse();
    }

    @ArchTest
    static final ArchRule sharedKernelHasNoSpring = KernelRules.NO_SPRING;

    @ArchTest
    static final ArchRule sharedKernelDoesNotKnowTheSidesThatUseIt = KernelRules.KNOWS_NO_SIDE;
}
