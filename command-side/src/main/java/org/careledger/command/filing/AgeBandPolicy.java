package org.careledger.command.filing;

import java.time.LocalDate;

import org.careledger.kernel.child.ChildAge;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.ClassType;

/**
 * Age bands of the class types (《托育机构设置标准（试行）》, national, 2019; docs/domain.md rules A2
 * and A3): 乳儿班 6–12 months, 托小班 12–24, 托大班 24–36, mixed classes from 18 months; nobody
 * aged 36 months or more. Lower bounds are inclusive, upper bounds exclusive, and ages are
 * completed months counted to the day ({@link ChildAge}, rule A1).
 */
final class AgeBandPolicy {

    static final int AGE_LIMIT_MONTHS = ChildAge.LIMIT_MONTHS;

    private AgeBandPolicy() {
    }

    static int from(ClassType type) {
        return switch (type) {
            case INFANT -> 6;
            case YOUNG_TODDLER -> 12;
            case OLDER_TODDLER -> 24;
            case MIXED -> 18;
        };
    }

    static int until(ClassType type) {
        return switch (type) {
            case INFANT -> 12;
            case YOUNG_TODDLER -> 24;
            case OLDER_TODDLER, MIXED -> AGE_LIMIT_MONTHS;
        };
    }

    static void childAgeFitsClassType(ClassType type, ChildAge age, LocalDate on) {
        if (age.hasReached(AGE_LIMIT_MONTHS, on)) {
            throw new DomainException(ErrorCode.CHILD_OVER_AGE_LIMIT, "The child is " + age.describeOn(on) + " old on "
                    + on + "; childcare here is for children under 36 months");
        }
        int from = from(type);
        int until = until(type);
        if (!age.hasReached(from, on) || age.hasReached(until, on)) {
            throw new DomainException(ErrorCode.AGE_OUTSIDE_CLASS_BAND, "A " + type.label() + " takes children from "
                    + from + " to under " + until + " months; the child is " + age.describeOn(on) + " old on " + on);
        }
    }
}
