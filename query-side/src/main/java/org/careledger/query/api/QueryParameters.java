package org.careledger.query.api;

import java.util.EnumSet;
import java.util.Locale;

import org.careledger.kernel.error.Violations;

/** Parsing the query parameters the controllers share. */
public final class QueryParameters {

    private QueryParameters() {
    }

    /**
     * An enum parameter, case and surrounding blanks ignored; null when absent. An unknown value is
     * added to the violations as {@code UNKNOWN_VALUE} (and null answered).
     */
    public static <E extends Enum<E>> E enumValue(Violations v, String field, String raw, Class<E> type) {
        if (raw == null || raw.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            v.add(field, "UNKNOWN_VALUE", field + " must be one of " + EnumSet.allOf(type));
            return null;
        }
    }
}
