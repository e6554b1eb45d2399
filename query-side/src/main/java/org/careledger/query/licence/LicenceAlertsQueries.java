package org.careledger.query.licence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.query.licence.LicenceAlertsController.LicenceAlert;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Reads {@code licence_view}, which {@link LicenceAlertsProjection} writes. */
@Component
@ReadQueries
public record LicenceAlertsQueries(DatabaseClient db) {

    /**
     * Licences of the divisions under {@code prefix} expiring by {@code horizon} (or expired),
     * failed verifications and flagged changes, at most 1,000.
     */
    Mono<List<LicenceAlert>> alerts(String prefix, LocalDate today, LocalDate horizon) {
        return db.sql("""
                        SELECT * FROM licence_view WHERE division_code LIKE $1
                          AND ((valid_until IS NOT NULL AND valid_until <= $2) OR licence_status = 'FAILED'
                               OR flagged_change IS NOT NULL)
                        ORDER BY valid_until NULLS FIRST, institution_id LIMIT 1000""")
                .bind(0, prefix + "%").bind(1, horizon)
                .map(row -> toAlert(row, today, horizon)).all().collectList();
    }

    /** How many licences under a division prefix failed verification, expired or were revoked by {@code day}. */
    public Mono<Long> expiredOrFailed(String prefix, LocalDate day) {
        return db.sql("SELECT count(*) AS n FROM licence_view WHERE division_code LIKE $1 "
                        + "AND (licence_status IN ('FAILED', 'EXPIRED', 'REVOKED') OR valid_until < $2)")
                .bind(0, prefix + "%").bind(1, day).map(row -> row.get("n", Long.class)).one();
    }

    private static LicenceAlert toAlert(Readable row, LocalDate today, LocalDate horizon) {
        LocalDate validUntil = row.get("valid_until", LocalDate.class);
        String status = row.get("licence_status", String.class);
        String flagged = row.get("flagged_change", String.class);
        List<String> reasons = new ArrayList<>();
        if (validUntil != null && validUntil.isBefore(today)) {
            reasons.add("LICENCE_EXPIRED");
        } else if (validUntil != null && !validUntil.isAfter(horizon)) {
            reasons.add("LICENCE_EXPIRING");
        }
        if ("FAILED".equals(status)) {
            reasons.add("VERIFICATION_FAILED");
        }
        if (flagged != null) {
            reasons.add("LICENCE_" + flagged);
        }
        return new LicenceAlert(row.get("institution_id", String.class), row.get("name", String.class),
                row.get("division_code", String.class), status, validUntil, flagged, reasons);
    }
}
