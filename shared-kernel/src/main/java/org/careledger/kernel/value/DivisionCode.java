package org.careledger.kernel.value;

import java.util.Set;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * Administrative division code, GB/T 2260: six digits, province (2) + city (2) + county (2).
 * A province-level code ends in 0000, a city-level code in 00; a county code under a province
 * directly has no city part (city "00" then requires county "00"). Province prefixes are those
 * GB/T 2260 assigns (11-15, 21-23, 31-37, 41-46, 50-54, 61-65, 71, 81, 82).
 */
@ValueObject
public record DivisionCode(String value) implements StringValue {

    private static final Set<String> PROVINCES = Set.of(
            "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
            "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65",
            "71", "81", "82");
    /** The shape a code has (a GB/T 2260 province prefix and four digits), for published contracts. */
    public static final String PATTERN = "^(" + String.join("|", new java.util.TreeSet<>(PROVINCES)) + ")\\d{4}$";

    public enum Level { PROVINCE, CITY, COUNTY }

    public DivisionCode {
        if (value == null || !value.matches("\\d{6}")) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE, "A division code has six digits");
        }
        if (!PROVINCES.contains(value.substring(0, 2))) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE,
                    "'" + value.substring(0, 2) + "' is not a GB/T 2260 province code");
        }
        if (value.startsWith("00", 2) && !value.startsWith("00", 4)) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE,
                    "A division code with city part 00 must be a province code ending in 0000");
        }
    }

    @JsonCreator
    public static DivisionCode parse(String raw) {
        return new DivisionCode(raw == null ? null : raw.trim());
    }

    /**
     * A division code an institution is filed in: a county-level code present on the official list
     * ({@link Divisions}); a functional zone without a code of its own is not one (docs/domain.md, rule F7).
     */
    public static DivisionCode official(String raw) {
        DivisionCode code = parse(raw);
        if (code.level() != Level.COUNTY || !Divisions.official().contains(code.value)) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE,
                    "'" + code.value + "' is not a county-level division code on the official list");
        }
        return code;
    }

    public Level level() {
        if (value.endsWith("0000")) {
            return Level.PROVINCE;
        }
        return value.endsWith("00") ? Level.CITY : Level.COUNTY;
    }

    /** The significant prefix: 2 digits for a province, 4 for a city, 6 for a county. */
    public String prefix() {
        return switch (level()) {
            case PROVINCE -> value.substring(0, 2);
            case CITY -> value.substring(0, 4);
            case COUNTY -> value;
        };
    }

    /**
     * The prefixes a search by jurisdiction matches this division on: its province (2 digits), its
     * city (4) and itself (6), as {@code Jurisdiction.prefix()} gives them.
     */
    public java.util.List<String> searchPrefixes() {
        return java.util.List.of(value.substring(0, 2), value.substring(0, 4), value);
    }

    /** Whether this division lies inside (or is) the given division. */
    public boolean isWithin(DivisionCode other) {
        return value.startsWith(other.prefix());
    }

    @Override
    public String toString() {
        return value;
    }
}
