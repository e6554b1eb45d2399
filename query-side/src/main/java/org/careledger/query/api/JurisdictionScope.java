package org.careledger.query.api;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;

/** Which divisions a caller may cover: the division-code prefix a query is confined to. */
public final class JurisdictionScope {

    private JurisdictionScope() {
    }

    /**
     * The division-code prefix to query: administrators anything (all by default); others their own
     * jurisdiction or a division inside it, else {@code NOT_IN_JURISDICTION}.
     */
    public static String divisionPrefix(Caller caller, String division) {
        Jurisdiction requested;
        try {
            requested = division == null || division.isBlank() ? null : Jurisdiction.requested(division);
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "division is not a division-code prefix");
        }
        return divisionPrefix(caller, requested);
    }

    /** As {@link #divisionPrefix(Caller, String)} for a division already parsed (null: none requested). */
    public static String divisionPrefix(Caller caller, Jurisdiction requested) {
        if (caller.role() == Role.ADMIN || caller.role() == Role.SYSTEM) {
            return requested == null ? "" : requested.prefix();
        }
        Jurisdiction own = caller.jurisdiction();
        if (requested == null) {
            return own.prefix();
        }
        if (own.contains(requested)) {
            return requested.prefix();
        }
        throw new DomainException(ErrorCode.NOT_IN_JURISDICTION,
                "Division " + requested + " is outside the caller's jurisdiction " + own);
    }
}
