package org.careledger.command.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.careledger.command.api.FilingController;
import org.junit.jupiter.api.Test;

class CommandSideArchitectureTest {

    private final JavaClasses command = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.careledger.command");

    @Test
    void theRuleSeesTheCommandSide() {
        assertThat(command.contain(FilingController.class)).isTrue();
        assertThat(command.stream().anyMatch(c -> c.getSimpleName().equals("Institution"))).isTrue();
    }

    @Test
    void commandSideNeverImportsQuerySide() {
        noClasses().should().dependOnClassesThat().resideInAPackage("org.careledger.query..").check(command);
    }

    @Test
    void theAggregateAndItsPoliciesHaveNoSpringAndNoSql() {
        noClasses().that().haveSimpleNameEndingWith("Policy").or().haveSimpleNameEndingWith("Rules")
                .or().haveSimpleName("Institution").or().haveSimpleName("FilingAuthorization")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "org.springframework.web..",
                        "org.springframework.context..", "java.sql..")
                .check(command);
    }
}
