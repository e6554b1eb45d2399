package org.careledger.command.filing;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.ClassType;

/**
 * Age bands of the class types (《托育机构设置标准（试行）》, national, 2019): 乳儿班 6–12 months,
 * 托小班 12–24, 托大班 24–36, mixed classes from 18 months; nobody aged 36 months or more.
 *
 * <p>Events carry the birth month only (ADR 0011), so ages are whole months counted from the birth
 * month to the month of the day: the age the child reaches during that month. Lower bounds are
 * inclusive, upper bounds exclusive.
 */
final class AgeBandPolicy {

    static final int AGE_LIMIT_MONTHS = 36;

    private AgeBandPolicy() {
    }

    static int ageInMonths(YearMonth birthMonth, LocalDate on) {
        return (int) birthMonth.until(YearMonth.from(on), ChronoUnit.MONTHS);
    }

    /** The first day on which the child counts as 36 months old: it leaves care then. */
    static LocalDate ageOutDay(YearMonth birthMonth) {
        return birthMonth.plusMonths(AGE_LIMIT_MONTHS).atDay(1);
    }

    static void childAgeFitsClassType(ClassType type, YearMonth birthMonth, LocalDate on) {
        int age = ageInMonths(birthMonth, on);
        if (age >= AGE_LIMIT_MONTHS) {
            throw new DomainException(ErrorCode.CHILD_OVER_AGE_LIMIT,
                    "The child is " + age + " months old on " + on + "; childcare here is for children under 36 months");
        }
        int from = switch (type) {
            case INFANT -> 6;
            case YOUNG_TODDLER -> 12;
            case OLDER_TODDLER -> 24;
            case MIXED -> 18;
        };
        int until = switch (type) {
            case INFANT -> 12;
            case YOUNG_TODDLER -> 24;
            case OLDER_TODDLER, MIXED -> AGE_LIMIT_MONTHS;
        };
        if (age < from || age >= until) {
            throw new DomainException(ErrorCode.AGE_OUTSIDE_CLASS_BAND, "A " + type.label() + " takes children from "
                    + from + " to under " + until + " months; the child is " + age + " months old on " + on);
        }
    }
}
