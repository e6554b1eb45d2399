package org.careledger.kernel.value;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;

/**
 * The plausibility rules of request input, in one place (issue 12, ADR 0020, docs/input-rules.md).
 * An event is permanent once appended, so a date or a length that no real record could have is
 * refused at the door with 400 and the field, before any command is sent.
 *
 * <p>Every date window is relative to today in China ({@link #ZONE}); its bounds are inclusive.
 */
public final class InputRules {

    /** The zone whose calendar day is "today" for every window. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    /** No record of this system dates from before this day (childcare filing began long after). */
    public static final LocalDate EARLIEST_RECORD = LocalDate.of(2000, 1, 1);
    /** Documents (licences, certificates) may be older than the records; none before this day. */
    public static final LocalDate EARLIEST_DOCUMENT = LocalDate.of(1980, 1, 1);

    // lengths (characters, after trimming)
    /** Names, addresses, references, qualification titles and other one-line text. */
    public static final int MAX_TEXT = 200;
    /** Reasons, notes, requirements and other free text. */
    public static final int MAX_REASON = 1000;
    /** A health check's details. */
    public static final int MAX_DETAILS = 4000;
    /** A person's name (children, guardians). */
    public static final int MAX_PERSON_NAME = 100;
    /** A phone number. */
    public static final int MAX_PHONE = 30;
    /** Items of a list in a request (fees, documents, classes, reasons, chain institutions). */
    public static final int MAX_ITEMS = 50;
    /** Findings, orders and joint agencies of one inspection. */
    public static final int MAX_INSPECTION_ITEMS = 100;
    /** Records of one attendance batch. */
    public static final int MAX_ATTENDANCE_ENTRIES = 1000;
    /** Places of one class (the national standard allows at most 30; larger sizes are refused by the domain). */
    public static final int MAX_PLACES = 1000;
    /** A fee in fen (one million yuan). */
    public static final long MAX_FEE_FEN = 100_000_000L;
    /** Months a contract may be paid in advance (a jurisdiction's cap is then applied by the domain). */
    public static final int MAX_PREPAID_MONTHS = 36;
    /** A subsidy application's floor area in square metres. */
    public static final int MAX_FLOOR_AREA_SQUARE_METRES = 1_000_000;
    /** A subsidy application's lease in months (a hundred years). */
    public static final int MAX_LEASE_MONTHS = 1200;
    /** A subsidy application's demonstration level. */
    public static final int MAX_DEMONSTRATION_LEVEL = 20;
    /** A staff member's phone number (free text). */
    public static final int MAX_STAFF_PHONE = 40;
    /** A phone number of an institution or a guardian: digits, spaces, +, - and parentheses. */
    public static final String PHONE_PATTERN = "^[0-9+\\- ()]{5," + MAX_PHONE + "}$";

    /** A plausible window for one kind of date. */
    public record DateWindow(String name, UnaryOperator<LocalDate> earliest, String earliestText,
                             UnaryOperator<LocalDate> latest, String latestText) {

        public LocalDate earliestOn(LocalDate today) {
            return earliest.apply(today);
        }

        public LocalDate latestOn(LocalDate today) {
            return latest.apply(today);
        }

        /** Whether {@code date} lies in the window on {@code today}. */
        public boolean contains(LocalDate date, LocalDate today) {
            return !date.isBefore(earliestOn(today)) && !date.isAfter(latestOn(today));
        }

        /** The readable rule, e.g. "between 2000-01-01 and today". */
        public String describe() {
            return "between " + earliestText + " and " + latestText;
        }
    }

    private static DateWindow window(String name, UnaryOperator<LocalDate> earliest, String earliestText,
                                     UnaryOperator<LocalDate> latest, String latestText) {
        return new DateWindow(name, earliest, earliestText, latest, latestText);
    }

    private static UnaryOperator<LocalDate> fixed(LocalDate day) {
        return today -> day;
    }

    /** A child's birth date: childcare here is for children under three (with a year's margin), never unborn. */
    public static final DateWindow BIRTH_DATE = window("birth date",
            today -> today.minusYears(4), "today − 4 years", today -> today, "today");
    /** Something that has already happened: an inspection, a verification, a payment, a signature, a health check. */
    public static final DateWindow PAST_EVENT = window("past event",
            fixed(EARLIEST_RECORD), EARLIEST_RECORD.toString(), today -> today, "today");
    /** The day a document was issued: never in the future. */
    public static final DateWindow DOCUMENT_ISSUED = window("document issue date",
            fixed(EARLIEST_DOCUMENT), EARLIEST_DOCUMENT.toString(), today -> today, "today");
    /** The start of a service contract: recorded late by at most three years, or signed up to a year ahead. */
    public static final DateWindow CONTRACT_START = window("contract start",
            today -> today.minusYears(3), "today − 3 years", today -> today.plusYears(1), "today + 1 year");
    /** The end of a contract or an enrolment: no child stays in childcare for more than four years. */
    public static final DateWindow CONTRACT_END = window("contract end",
            today -> today.minusYears(3), "today − 3 years", today -> today.plusYears(4), "today + 4 years");
    /** The day a transfer between classes takes effect. */
    public static final DateWindow TRANSFER = window("transfer date",
            today -> today.minusYears(1), "today − 1 year", today -> today.plusYears(1), "today + 1 year");
    /** The day of an attendance batch (a future day is refused by the domain with its own code). */
    public static final DateWindow ATTENDANCE_DAY = window("attendance day",
            today -> today.minusYears(3), "today − 3 years", today -> today.plusYears(1), "today + 1 year");
    /** The expiry of a certificate or a qualification. */
    public static final DateWindow CERTIFICATE_EXPIRY = window("certificate expiry",
            fixed(EARLIEST_RECORD), EARLIEST_RECORD.toString(), today -> today.plusYears(10), "today + 10 years");
    /** The end of an agreement's validity. */
    public static final DateWindow AGREEMENT_END = CERTIFICATE_EXPIRY;
    /** A day that may be announced a little ahead: a departure, a status taking effect, a subsidy period. */
    public static final DateWindow NEAR_FUTURE = window("record date",
            fixed(EARLIEST_RECORD), EARLIEST_RECORD.toString(), today -> today.plusYears(1), "today + 1 year");
    /** A deadline set for a rectification. */
    public static final DateWindow DEADLINE = window("deadline",
            fixed(EARLIEST_RECORD), EARLIEST_RECORD.toString(), today -> today.plusYears(2), "today + 2 years");
    /** Any other date (query parameters included): no year before 2000 or after five years from now. */
    public static final DateWindow ANY_DATE = window("date",
            fixed(EARLIEST_RECORD), EARLIEST_RECORD.toString(), today -> today.plusYears(5), "today + 5 years");

    private InputRules() {
    }

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    /** Whether an instant (e.g. when a licence change took effect) is plausible: from 2000 to a day from now. */
    public static boolean plausibleInstant(Instant at) {
        return !at.isBefore(EARLIEST_RECORD.atStartOfDay(ZONE).toInstant())
                && !at.isAfter(Instant.now().plusSeconds(86_400));
    }

    private static final Pattern ISO_DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

    /** A date written YYYY-MM-DD (four-digit year, no sign), or null if {@code raw} is not one. */
    public static LocalDate isoDate(String raw) {
        if (raw == null) {
            return null;
        }
        String trimmed = raw.strip();
        if (!ISO_DATE.matcher(trimmed).matches()) {
            return null;
        }
        try {
            return LocalDate.parse(trimmed);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /**
     * A date in a query parameter: YYYY-MM-DD within {@link #ANY_DATE}, or {@code INVALID_QUERY}
     * naming the parameter.
     */
    public static LocalDate queryDate(String field, String raw) {
        LocalDate date = isoDate(raw);
        if (date == null || !ANY_DATE.contains(date, today())) {
            String detail = field + " must be a date YYYY-MM-DD " + ANY_DATE.describe();
            throw new DomainException(ErrorCode.INVALID_QUERY, detail,
                    List.of(new FieldViolation(field, date == null ? "INVALID_DATE" : "OUT_OF_RANGE", detail)));
        }
        return date;
    }

    /** An instant in a query parameter must lie in {@link #ANY_DATE} too, or {@code INVALID_QUERY}. */
    public static Instant queryInstant(String field, Instant at) {
        LocalDate day = at.atZone(ZONE).toLocalDate();
        if (!ANY_DATE.contains(day, today())) {
            String detail = field + " must lie " + ANY_DATE.describe();
            throw new DomainException(ErrorCode.INVALID_QUERY, detail,
                    List.of(new FieldViolation(field, "OUT_OF_RANGE", detail)));
        }
        return at;
    }
}
