package org.careledger.infra.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.kernel.stereotype.WebAdapter;

/**
 * Rules over all modules, keyed on the stereotypes. {@link ModuleBoundariesTest} checks them over
 * the main classes; {@link ModuleRulesBiteTest} shows each fails on a class made to break it.
 */
final class ModuleRules {

    private static final String AXON_AGGREGATE = "org.axonframework.spring.stereotype.Aggregate";

    /** An aggregate: marked with the kernel's stereotype, or with Axon's (until every one carries both). */
    static final DescribedPredicate<JavaClass> AGGREGATES = DescribedPredicate.describe("aggregates",
            ModuleRules::isAggregate);

    static final ArchRule AGGREGATES_DO_NO_IO = noClasses().that(AGGREGATES)
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "javax.sql..", "io.r2dbc..",
                    "com.mongodb..", "java.net..", "java.nio.file..", "java.nio.channels..",
                    "org.springframework.jdbc..", "org.springframework.r2dbc..", "org.springframework.web..",
                    "org.springframework.core.io..", "reactor.netty..")
            .orShould().dependOnClassesThat().haveNameMatching(
                    "java\\.io\\.(File|FileInputStream|FileOutputStream|FileReader|FileWriter|RandomAccessFile)")
            .because("an aggregate decides from its own events; the handler around it does the lookups");

    static final ArchRule WEB_ADAPTERS_HOLD_NO_SQL = noClasses().that().areAnnotatedWith(WebAdapter.class)
            .should().dependOnClassesThat().resideInAnyPackage("org.springframework.r2dbc..",
                    "org.springframework.jdbc..", "io.r2dbc..", "java.sql..", "javax.sql..", "com.mongodb..")
            .because("SQL lives in @ReadQueries classes (query side) or stores, not in controllers");

    /** Controllers, and the types nested in them (a controller's own records are part of it). */
    static final DescribedPredicate<JavaClass> CONTROLLERS = DescribedPredicate.describe(
            "controllers (and the types nested in them)", c -> isController(outermost(c)));

    static final ArchRule CONTROLLERS_DO_NOT_DEPEND_ON_OTHER_CONTROLLERS = classes().that(CONTROLLERS)
            .should(new ArchCondition<JavaClass>("not depend on another controller or a type nested in one") {
                @Override
                public void check(JavaClass c, ConditionEvents events) {
                    JavaClass own = outermost(c);
                    for (Dependency d : c.getDirectDependenciesFromSelf()) {
                        JavaClass target = outermost(d.getTargetClass());
                        if (!target.equals(own) && isController(target)) {
                            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
                        }
                    }
                }
            })
            .because("a controller turns HTTP into a query or a command and back; what two controllers share "
                    + "belongs in a query or command class both use (e.g. PublicRegisterQueries)");

    /** A controller: a web adapter, or any class Spring serves requests from. */
    static boolean isController(JavaClass c) {
        return c.isAnnotatedWith(WebAdapter.class)
                || c.isAnnotatedWith("org.springframework.web.bind.annotation.RestController")
                || c.isAnnotatedWith("org.springframework.stereotype.Controller");
    }

    private static JavaClass outermost(JavaClass c) {
        JavaClass outer = c.isArray() ? c.getBaseComponentType() : c;
        while (outer.getEnclosingClass().isPresent()) {
            outer = outer.getEnclosingClass().get();
        }
        return outer;
    }

    static boolean isAggregate(JavaClass c) {
        return c.isAnnotatedWith(AggregateRoot.class) || c.isAnnotatedWith(AXON_AGGREGATE);
    }

    private ModuleRules() {
    }
}
