package org.careledger.query.api;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;

/** Which divisions a query may cover: the caller's jurisdiction, narrowed by a requested division. */
public final class Scopes {

    private Scopes() {
    }

    /**
     * The division-code prefix to query: administrators anything (all by default); others their own
     * jurisdiction or a division inside it, else {@code NOT_IN_JURISDICTION}.
     */
    public static String divisionPrefix(Caller caller, String division) {
        Jurisdiction requested;
        try {
            requested = division == null || division.isBlank() ? null : Jurisdiction.of(division);
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "division is not a division-code prefix");
        }
        if (caller.role() == Role.ADMIN) {
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
