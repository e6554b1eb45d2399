package org.careledger.kernel.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.lang.ArchRule;

/**
 * The shared kernel's architecture rules. {@link SharedKernelArchitectureTest} checks them over the main
 * classes; {@link KernelRulesBiteTest} shows each one fails on a class that breaks it.
 */
final class KernelRules {

    static final ArchRule NO_SPRING = noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
            .because("the kernel is the published language of both sides and runs without Spring");

    static final ArchRule KNOWS_NO_SIDE = noClasses().should().dependOnClassesThat()
            .resideInAnyPackage("org.careledger.command..", "org.careledger.query..", "org.careledger.infra..")
            .because("command side, query side and infra stand on the kernel, never the other way round");

    private KernelRules() {
    }
}
