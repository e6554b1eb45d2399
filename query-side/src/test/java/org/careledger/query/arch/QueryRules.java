package org.careledger.query.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * The query side's architecture rules, keyed on the kernel's stereotypes. {@link QuerySideArchitectureTest}
 * checks them over the main classes; {@link QueryRulesBiteTest} shows each one fails on a class that breaks it.
 */
final class QueryRules {

    /** Where SQL and Mongo live: only {@code *Queries} classes, projections and stores may use them. */
    static final String[] DATABASE_ACCESS = {"org.springframework.r2dbc..", "org.springframework.jdbc..", "io.r2dbc..",
            "java.sql..", "javax.sql..", "com.mongodb.."};

    static final ArchRule NO_SQL_IN_WEB_ADAPTERS = noClasses().that().areAnnotatedWith(WebAdapter.class)
            .should().dependOnClassesThat().resideInAnyPackage(DATABASE_ACCESS)
            .because("SQL lives in the view's @ReadQueries class, not in its controller");

    static final ArchRule EVERY_CONTROLLER_IS_A_WEB_ADAPTER = classes()
            .that().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .should().beAnnotatedWith(WebAdapter.class)
            .because("the web-adapter rules key on @WebAdapter");

    static final ArchRule EVERY_PROCESSING_GROUP_IS_A_PROJECTION = classes()
            .that().areAnnotatedWith("org.axonframework.config.ProcessingGroup")
            .should().beAnnotatedWith(Projection.class)
            .because("the projection rules key on @Projection");

    static final ArchRule NO_PROJECTION_IMPORTS_A_CONTROLLER = noClasses().that().areAnnotatedWith(Projection.class)
            .should().dependOnClassesThat().areAnnotatedWith(WebAdapter.class)
            .orShould().dependOnClassesThat().areAnnotatedWith("org.springframework.web.bind.annotation.RestController")
            .because("a view's stored format is its own type, not a controller's");

    static final ArchRule NO_PACKAGE_CYCLES = slices().matching("org.careledger.query.(*)..")
            .should().beFreeOfCycles();

    private QueryRules() {
    }
}
