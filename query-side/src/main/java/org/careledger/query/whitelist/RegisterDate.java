package org.careledger.query.whitelist;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.value.InputRules;

/**
 * The {@code asOf=YYYY-MM-DD} of the public register: the register as it stood at the end of that
 * day in China Standard Time (Asia/Shanghai, the commission's day), as it was published then.
 * <ul>
 *   <li>a day before today: the register up to the start of the next day, an answer that never
 *       changes ({@link #cut} answers that instant);</li>
 *   <li>today: the day is not over, so the answer is the live register ({@link #cut} answers null);</li>
 *   <li>a day after today: 400 {@code AS_OF_IN_FUTURE};</li>
 *   <li>not a date of the form YYYY-MM-DD, or before {@link #FIRST_DAY}: 400 {@code INVALID_QUERY}
 *       with the field error {@code INVALID_DATE} or {@code OUT_OF_RANGE}.</li>
 * </ul>
 */
public final class RegisterDate {

    /** Nothing was published before 托育 filing began (2019); earlier days answer an empty register anyway. */
    static final LocalDate FIRST_DAY = LocalDate.of(2019, 1, 1);

    private RegisterDate() {
    }

    /** The day asked for, or null when asOf is absent; a bad value is added to the violations. */
    static LocalDate day(Violations v, String asOf) {
        if (asOf == null || asOf.isBlank()) {
            return null;
        }
        String raw = asOf.strip();
        LocalDate day = null;
        if (raw.matches("\\d{4}-\\d{2}-\\d{2}")) {
            try {
                day = LocalDate.parse(raw);
            } catch (DateTimeParseException e) {
                day = null;
            }
        }
        if (day == null) {
            v.add("asOf", "INVALID_DATE", "asOf is a date YYYY-MM-DD (Asia/Shanghai)");
        } else if (day.isBefore(FIRST_DAY)) {
            v.add("asOf", "OUT_OF_RANGE", "asOf is " + FIRST_DAY + " or later");
            day = null;
        }
        return day;
    }

    /**
     * The instant the register of the day is cut at (the start of the next day in Asia/Shanghai;
     * versions published before it count), or null for today (the live register). A future day is refused.
     */
    static Instant cut(LocalDate day, Clock clock) {
        if (day == null) {
            return null;
        }
        LocalDate today = LocalDate.now(clock.withZone(InputRules.ZONE));
        if (day.isAfter(today)) {
            throw new DomainException(ErrorCode.AS_OF_IN_FUTURE,
                    "asOf " + day + " lies after today (" + today + ", Asia/Shanghai)");
        }
        return day.isEqual(today) ? null : day.plusDays(1).atStartOfDay(InputRules.ZONE).toInstant();
    }
}
