package org.careledger.command.arch;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import org.careledger.command.api.FilingController;
import org.careledger.command.licence.api.LicenceController;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * The command side's architecture, over its main classes imported once for every rule
 * ({@link AnalyzeClasses} caches them).
 */
@AnalyzeClasses(packages = "org.careledger.command", importOptions = ImportOption.DoNotIncludeTests.class)
class CommandSideArchitectureTest {

    @ArchTest
    static void theRulesSeeTheCommandSide(JavaClasses command) {
        assertThat(command.contain(FilingController.class)).isTrue();
        assertThat(command.contain(LicenceController.class)).isTrue();
        assertThat(command.stream().anyMatch(c -> c.getSimpleName().equals("Institution"))).isTrue();
        assertThat(command.stream().filter(c -> c.isAnnotatedWith(WebAdapter.class))).hasSizeGreaterThanOrEqualTo(6);
        assertThat(command.stream().anyMatch(c -> c.getPackageName().contains("archfixture"))).isFalse();
    }

    @ArchTest
    static final ArchRule commandSideNeverImportsQuerySide = CommandRules.NEVER_IMPORTS_QUERY_SIDE;

    @ArchTest
    static final ArchRule theAggregateAndItsRulesHaveNoSpringAndNoSql = CommandRules.AGGREGATE_AND_RULES_HAVE_NO_SPRING_AND_NO_SQL;

    @ArchTest
    static final ArchRule noSqlInWebAdapters = CommandRules.NO_SQL_IN_WEB_ADAPTERS;

    @ArchTest
    static final ArchRule everyControllerIsAWebAdapter = CommandRules.EVERY_CONTROLLER_IS_A_WEB_ADAPTER;
}
