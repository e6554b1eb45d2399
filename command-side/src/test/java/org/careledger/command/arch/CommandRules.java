package org.careledger.command.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * The command side's architecture rules. {@link CommandSideArchitectureTest} checks them over the main
 * classes; {@link CommandRulesBiteTest} shows each one fails on a class that breaks it.
 */
final class CommandRules {

    /** Database clients: only lookup tables, stores, workers and {@code *Queries} classes may use them. */
    static final String[] DATABASE_ACCESS = {"org.springframework.r2dbc..", "org.springframework.jdbc..", "io.r2dbc..",
            "java.sql..", "javax.sql..", "com.mongodb.."};

    static final ArchRule NEVER_IMPORTS_QUERY_SIDE = noClasses().should().dependOnClassesThat()
            .resideInAPackage("org.careledger.query..")
            .because("the sides meet only through the shared kernel's events");

    static final ArchRule AGGREGATE_AND_RULES_HAVE_NO_SPRING_AND_NO_SQL = noClasses()
            .that().haveSimpleNameEndingWith("Policy").or().haveSimpleNameEndingWith("Rules")
            .or().haveSimpleName("Institution").or().haveSimpleName("FilingAuthorization")
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.jdbc..", "org.springframework.web..",
                    "org.springframework.context..", "java.sql..")
            .because("a rule decides from the facts it is given; its handler does the lookups");

    static final ArchRule NO_SQL_IN_WEB_ADAPTERS = noClasses().that().areAnnotatedWith(WebAdapter.class)
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS)
            .because("SQL lives in a *Queries class or a lookup table, not in a controller");

    static final ArchRule EVERY_CONTROLLER_IS_A_WEB_ADAPTER = classes()
            .that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .should().beAnnotatedWith(WebAdapter.class)
            .because("the web-adapter rules key on @WebAdapter");

    private CommandRules() {
    }
}
