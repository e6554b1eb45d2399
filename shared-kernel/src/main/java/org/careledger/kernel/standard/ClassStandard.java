package org.careledger.kernel.standard;

import org.careledger.kernel.child.ChildAge;
import org.careledger.kernel.stereotype.ValueObject;
import org.careledger.kernel.value.ClassType;

/**
 * What the national standard sets for one class type (班型): the most places, the age band and the
 * children per carer. The one home of these numbers; the command side's rules (class sizes, age
 * bands) and the query side's alerts (staff ratios) both read them here.
 *
 * @param maximumPlaces    the most children a class of the type takes
 * @param fromMonths       the youngest age in completed months (inclusive)
 * @param untilMonths      the age in completed months from which a child no longer fits (exclusive)
 * @param childrenPerCarer children per carer in such a class; 0 when the standard sets none
 */
@ValueObject
public record ClassStandard(ClassType classType, int maximumPlaces, int fromMonths, int untilMonths,
                            int childrenPerCarer) {

    /** Where the numbers come from. */
    public static final String SOURCE = "《托育机构设置标准（试行）》 (National Health Commission, 2019)";

    /**
     * 乳儿班 6–12 months, at most 10 children, 1:3; 托小班 12–24 months, at most 15, 1:5; 托大班
     * 24–36 months, at most 20, 1:7; a mixed class of children from 18 months at most 18, no ratio set.
     */
    public static ClassStandard of(ClassType type) {
        return switch (type) {
            case INFANT -> new ClassStandard(type, 10, 6, 12, 3);
            case YOUNG_TODDLER -> new ClassStandard(type, 15, 12, 24, 5);
            case OLDER_TODDLER -> new ClassStandard(type, 20, 24, ChildAge.LIMIT_MONTHS, 7);
            case MIXED -> new ClassStandard(type, 18, 18, ChildAge.LIMIT_MONTHS, 0);
        };
    }
}
