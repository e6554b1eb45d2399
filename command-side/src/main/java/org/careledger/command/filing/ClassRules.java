package org.careledger.command.filing;

import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
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

    /** The form in which two class names are compared: NFKC, no surrounding or repeated spaces, case-folded. */
    static String nameKey(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }

    /** Two open classes of one institution may not share a name ({@code CLASS_NAME_TAKEN}). */
    static void nameFreeAmongOpenClasses(String name, Collection<String> openNameKeys) {
        if (openNameKeys.contains(nameKey(name))) {
            throw new DomainException(ErrorCode.CLASS_NAME_TAKEN, "An open class is already named '" + name + "'");
        }
    }

    /** The classes of one filing have distinct names. */
    static void classNamesDistinct(List<String> names) {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(nameKey(name))) {
                throw new DomainException(ErrorCode.CLASS_NAME_TAKEN, "Two classes are named '" + name + "'");
            }
        }
    }
}
