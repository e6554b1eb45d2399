package org.careledger.query.api;

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
        return v.enumValue(field, raw, type);
    }
}
