package org.careledger.kernel.value;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * The area an inspector or officer is responsible for: a GB/T 2260 division-code prefix of 2
 * (province), 4 (city) or 6 (county) digits. A jurisdiction covers every division whose code
 * starts with the prefix.
 */
@ValueObject
public record Jurisdiction(String prefix) {

    public Jurisdiction {
        if (prefix == null || !(prefix.matches("\\d{2}") || prefix.matches("\\d{4}") || prefix.matches("\\d{6}"))) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE,
                    "A jurisdiction is a division-code prefix of 2, 4 or 6 digits");
        }
    }

    @JsonCreator
    public static Jurisdiction of(String prefix) {
        return new Jurisdiction(prefix == null ? null : prefix.trim());
    }

    /**
     * A jurisdiction given in a request (a token request, a query parameter): a prefix of 2, 4 or 6
     * digits naming a province, city or county-level division on the official list ({@link Divisions}).
     */
    public static Jurisdiction requested(String prefix) {
        Jurisdiction jurisdiction = of(prefix);
        if (!Divisions.official().containsJurisdiction(jurisdiction.prefix)) {
            throw new DomainException(ErrorCode.INVALID_DIVISION_CODE,
                    "'" + jurisdiction.prefix + "' is not a division on the official list");
        }
        return jurisdiction;
    }

    /** The jurisdiction a division code stands for: its significant prefix. */
    public static Jurisdiction of(DivisionCode division) {
        return new Jurisdiction(division.prefix());
    }

    public boolean covers(DivisionCode division) {
        return division.value().startsWith(prefix);
    }

    /** Whether this jurisdiction contains all of another (e.g. "37" contains "3708"). */
    public boolean contains(Jurisdiction other) {
        return other.prefix.startsWith(prefix);
    }

    @JsonValue
    @Override
    public String prefix() {
        return prefix;
    }

    @Override
    public String toString() {
        return prefix;
    }
}
