package org.careledger.kernel.id;

import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonCreator;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.StringValue;

/**
 * The number the health commission issues when it accepts a filing (备案号). Layout:
 * {@code TY} + six-digit division code + four-digit year + six-digit serial, e.g.
 * {@code TY3708112026000012}. The serial is allocated per deployment, so numbers are unique.
 */
@ValueObject
public record FilingNumber(String value) implements StringValue {

    /** TY, a six-digit division code, a four-digit year and a six-digit serial; for published contracts too. */
    public static final String PATTERN = "^TY\\d{6}\\d{4}\\d{6}$";
    private static final Pattern SHAPE = Pattern.compile(PATTERN);

    public FilingNumber {
        if (value == null || !SHAPE.matcher(value).matches()) {
            throw new DomainException(ErrorCode.INVALID_IDENTIFIER, "A filing number is TY + 16 digits");
        }
    }

    public static FilingNumber of(DivisionCode division, int year, long serial) {
        if (serial < 1 || serial > 999_999) {
            throw new IllegalArgumentException("filing serial out of range: " + serial);
        }
        return new FilingNumber("TY%s%04d%06d".formatted(division.value(), year, serial));
    }

    @JsonCreator
    public static FilingNumber parse(String value) {
        return new FilingNumber(value);
    }

    @Override
    public String toString() {
        return value;
    }
}
