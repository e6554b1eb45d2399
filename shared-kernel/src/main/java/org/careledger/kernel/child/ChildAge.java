package org.careledger.kernel.child;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * A child's age in completed months, to the day (docs/domain.md, rule A1). The child reaches
 * {@code n} months on the same day-of-month {@code n} months after birth; where that month has no
 * such day, on its last day: born 31 August, a child is 6 months old on 28 February (29 February
 * in a leap year); born 29 February, 12 months old on 28 February of the next year.
 *
 * <p>Every age rule (age bands, the 36-month limit, age-out, age-dependent subsidies) goes
 * through this one value.
 */
@ValueObject
public record ChildAge(LocalDate birthDate) {

    /** Children are cared for until they reach this age (《托育机构设置标准（试行）》: under 3 years). */
    public static final int LIMIT_MONTHS = 36;

    public ChildAge {
        Objects.requireNonNull(birthDate, "birthDate");
    }

    /**
     * The age of a child of whom only the birth month is known (enrolments recorded before the
     * birth date was carried): counted as if born on the month's first day, which is what the
     * month-based reading of those records did.
     */
    public static ChildAge ofBirthMonth(YearMonth birthMonth) {
        return new ChildAge(birthMonth.atDay(1));
    }

    /** The exact age when known, the month-based one otherwise. */
    public static ChildAge of(LocalDate birthDate, YearMonth birthMonth) {
        return birthDate != null ? new ChildAge(birthDate) : ofBirthMonth(birthMonth);
    }

    /** The day on which the child reaches {@code months} months (clamped to the month's last day). */
    public LocalDate reachesMonthsOn(int months) {
        return birthDate.plusMonths(months);
    }

    /** Completed months on {@code day}; negative before birth is not meaningful and answers -1. */
    public int monthsOn(LocalDate day) {
        if (day.isBefore(birthDate)) {
            return -1;
        }
        int n = (int) YearMonth.from(birthDate).until(YearMonth.from(day), ChronoUnit.MONTHS);
        while (n > 0 && reachesMonthsOn(n).isAfter(day)) {
            n--;
        }
        return n;
    }

    /** Whether the child is at least {@code months} months old on {@code day}. */
    public boolean hasReached(int months, LocalDate day) {
        return !reachesMonthsOn(months).isAfter(day);
    }

    /** The day the child reaches 36 months: no longer in care from then. */
    public LocalDate agesOutOn() {
        return reachesMonthsOn(LIMIT_MONTHS);
    }

    /** The last day of care by age: the day before the child reaches 36 months. */
    public LocalDate lastDayOfCare() {
        return agesOutOn().minusDays(1);
    }

    /** "5 months and 28 days" style description for refusals (no birth date in it). */
    public String describeOn(LocalDate day) {
        int months = monthsOn(day);
        if (months < 0) {
            return "not yet born";
        }
        long days = ChronoUnit.DAYS.between(reachesMonthsOn(months), day);
        return months + " months and " + days + " day" + (days == 1 ? "" : "s");
    }
}
