package org.careledger.kernel.child;

import java.time.DateTimeException;
import java.time.LocalDate;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;

/**
 * Citizen identity number (公民身份号码), GB 11643-1999: six-digit area code, eight-digit birth
 * date (YYYYMMDD), three-digit sequence, and a check character: the first 17 digits weighted
 * 7,9,10,5,8,4,2,1,6,3,7,9,10,5,8,4,2, summed, modulo 11, mapped to 1,0,X,9,8,7,6,5,4,3,2.
 *
 * <p>This is personal data: it never goes into an event, a log or a view. {@link #toString()}
 * does not print it.
 */
public final class CitizenId {

    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";
    /** The shape a number has (17 digits and a check digit or X), for published contracts. */
    public static final String PATTERN = "^\\d{17}[\\dX]$";

    private final String value;
    private final LocalDate birthDate;

    private CitizenId(String value, LocalDate birthDate) {
        this.value = value;
        this.birthDate = birthDate;
    }

    public static CitizenId parse(String raw) {
        String v = raw == null ? "" : raw.trim().toUpperCase(java.util.Locale.ROOT);
        if (!v.matches(PATTERN)) {
            throw new DomainException(ErrorCode.INVALID_CITIZEN_ID, "A citizen ID has 17 digits and a check digit or X");
        }
        LocalDate birth;
        try {
            birth = LocalDate.of(Integer.parseInt(v.substring(6, 10)), Integer.parseInt(v.substring(10, 12)),
                    Integer.parseInt(v.substring(12, 14)));
        } catch (DateTimeException e) {
            throw new DomainException(ErrorCode.INVALID_CITIZEN_ID, "Digits 7-14 of a citizen ID are not a valid date");
        }
        if (v.charAt(17) != checkCharacterFor(v.substring(0, 17))) {
            throw new DomainException(ErrorCode.INVALID_CITIZEN_ID, "The citizen ID's check digit is wrong");
        }
        return new CitizenId(v, birth);
    }

    /** The GB 11643 check character for the first 17 digits. */
    public static char checkCharacterFor(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    /** Refuses with BIRTH_DATE_MISMATCH unless the ID's birth date is the stated one. */
    public CitizenId requireBirthDate(LocalDate stated) {
        if (!birthDate.equals(stated)) {
            throw new DomainException(ErrorCode.BIRTH_DATE_MISMATCH,
                    "The birth date inside the citizen ID does not agree with the stated birth date");
        }
        return this;
    }

    public LocalDate birthDate() {
        return birthDate;
    }

    /** The number itself: only for the protected store and for keyed hashing. */
    public String value() {
        return value;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CitizenId other && other.value.equals(value);
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }

    @Override
    public String toString() {
        return "CitizenId[redacted]";
    }
}
