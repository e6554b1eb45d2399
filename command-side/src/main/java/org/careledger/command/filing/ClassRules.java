package org.careledger.command.filing;

import java.text.Normalizer;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.rule.Rule;
import org.careledger.kernel.standard.ClassStandard;
import org.careledger.kernel.standard.FamilyCarePointStandard;
import org.careledger.kernel.stereotype.BusinessRule;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.InstitutionType;

/**
 * The rules an institution's classes satisfy (docs/domain.md, rules C1–C3): sizes within the
 * national standard, the capacity of a family care point, distinct names among open classes.
 */
@BusinessRule
final class ClassRules {

    private static final String NAMES = "project decision (issue 12): open classes of one institution have distinct names";

    /** A class of a type with its places. */
    record ClassSize(ClassType classType, int places) {
    }

    /** The open classes an institution would have after a change. */
    record ClassPlan(InstitutionType type, Collection<Institution.ClassState> classes) {
    }

    /** A name asked for, and the name keys ({@link #nameKey}) of the open classes. */
    record ClassName(String name, Collection<String> openNameKeys) {
    }

    /** C1: a class has at least one place and no more than the national standard allows for its type. */
    static final Rule<ClassSize> SIZE_WITHIN_NATIONAL_STANDARD = c -> {
        int maximum = ClassStandard.of(c.classType()).maximumPlaces();
        if (c.places() < 1) {
            return Rule.refuse(ErrorCode.INVALID_INPUT, ClassStandard.SOURCE, "A class has at least one place");
        }
        if (c.places() > maximum) {
            return Rule.refuse(ErrorCode.CLASS_CAPACITY_EXCEEDS_STANDARD, ClassStandard.SOURCE,
                    "A " + c.classType().label() + " (" + c.classType() + ") takes at most " + maximum
                            + " children under the national standard; " + c.places() + " requested");
        }
        return Rule.holds();
    };

    /** C3: a family care point's classes take at most 5 children in all, whatever the classes. */
    static final Rule<ClassPlan> FAMILY_CARE_POINT_PLACES = plan -> {
        int total = plan.classes().stream().filter(Institution.ClassState::open).mapToInt(Institution.ClassState::places).sum();
        if (plan.type() == InstitutionType.FAMILY_CARE_POINT && total > FamilyCarePointStandard.MAXIMUM_CHILDREN) {
            return Rule.refuse(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED, FamilyCarePointStandard.SOURCE,
                    "A family care point may look after at most " + FamilyCarePointStandard.MAXIMUM_CHILDREN
                            + " children; its classes would take " + total);
        }
        return Rule.holds();
    };

    /** C1 for every open class, then C3 for them together. */
    static final Rule<ClassPlan> CLASSES_FIT_THE_STANDARDS = plan -> plan.classes().stream()
            .filter(Institution.ClassState::open)
            .map(c -> SIZE_WITHIN_NATIONAL_STANDARD.check(new ClassSize(c.classType(), c.places())))
            .filter(java.util.Optional::isPresent).map(java.util.Optional::get).findFirst()
            .or(() -> FAMILY_CARE_POINT_PLACES.check(plan));

    /** Two open classes of one institution may not share a name ({@code CLASS_NAME_TAKEN}). */
    static final Rule<ClassName> NAME_FREE_AMONG_OPEN_CLASSES = n -> n.openNameKeys().contains(nameKey(n.name()))
            ? Rule.refuse(ErrorCode.CLASS_NAME_TAKEN, NAMES, "An open class is already named '" + n.name() + "'")
            : Rule.holds();

    /** The classes of one filing have distinct names. */
    static final Rule<List<String>> CLASS_NAMES_DISTINCT = names -> {
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(nameKey(name))) {
                return Rule.refuse(ErrorCode.CLASS_NAME_TAKEN, NAMES, "Two classes are named '" + name + "'");
            }
        }
        return Rule.holds();
    };

    private ClassRules() {
    }

    /** The form in which two class names are compared: NFKC, no surrounding or repeated spaces, case-folded. */
    static String nameKey(String name) {
        if (name == null) {
            return "";
        }
        return Normalizer.normalize(name, Normalizer.Form.NFKC).strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
    }
}
