package org.careledger.command.filing;

import java.util.Collection;

import org.careledger.kernel.value.InstitutionType;

/** The class rules an institution's open classes must satisfy together. */
final class ClassRules {

    private ClassRules() {
    }

    static void classesFitTheStandards(InstitutionType type, Collection<Institution.ClassState> classes) {
        int total = 0;
        for (Institution.ClassState c : classes) {
            if (c.open()) {
                ClassSizePolicy.classSizeWithinNationalStandard(c.classType(), c.places());
                total += c.places();
            }
        }
        FamilyCarePointPolicy.familyCarePointTakesAtMostFiveChildren(type, total);
    }
}
