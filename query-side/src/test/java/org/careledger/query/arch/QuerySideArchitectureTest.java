package org.careledger.query.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.careledger.query.whitelist.WhiteListProjection;
import org.junit.jupiter.api.Test;

class QuerySideArchitectureTest {

    private final JavaClasses query = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.careledger.query");

    @Test
    void theRuleSeesTheQuerySide() {
        assertThat(query.contain(WhiteListProjection.class)).isTrue();
    }

    @Test
    void querySideNeverImportsCommandSide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.careledger.command..").check(query);
    }

    @Test
    void theFoldsHaveNoIo() {
        assertThat(query.contain("org.careledger.query.supervision.AttendanceDayCount")).isTrue();
        noClasses().that().haveSimpleName("InstitutionViewReducer")
                .or().haveNameMatching("org\\.careledger\\.query\\.supervision\\.AttendanceDayCount(\\$.*)?")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "com.mongodb..", "java.sql..")
                .check(query);
    }
}
