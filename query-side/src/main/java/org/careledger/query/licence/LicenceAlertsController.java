package org.careledger.query.licence;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Licence alerts for supervision, within the caller's jurisdiction: licences expiring within
 * {@code withinDays} (or expired), failed verifications, and changes flagged by e-license platforms.
 */
@RestController
public class LicenceAlertsController {

    private final DatabaseClient db;
    private final ProjectionProgress progress;

    public LicenceAlertsController(DatabaseClient db, ProjectionProgress progress) {
        this.db = db;
        this.progress = progress;
    }

    public record LicenceAlert(String institutionId, String name, String division, String licenceStatus,
                               LocalDate validUntil, String flaggedChange, List<String> reasons) {
    }

    @GetMapping("/api/v1/supervision/licence-alerts")
    public Mono<List<LicenceAlert>> alerts(Caller caller, @RequestParam(required = false) Integer withinDays,
                                           @RequestParam(required = false) String division,
                                           @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        int days = withinDays == null ? 30 : withinDays;
        if (days < 0 || days > 3650) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "withinDays must be between 0 and 3650");
        }
        String prefix = scope(caller, division);
        LocalDate today = LocalDate.now(java.time.ZoneId.of("Asia/Shanghai"));
        LocalDate horizon = today.plusDays(days);
        return progress.await(LicenceAlertsProjection.NAME, minPosition)
                .then(db.sql("""
                        SELECT * FROM licence_view WHERE division_code LIKE $1
                          AND ((valid_until IS NOT NULL AND valid_until <= $2) OR licence_status = 'FAILED'
                               OR flagged_change IS NOT NULL)
                        ORDER BY valid_until NULLS FIRST, institution_id LIMIT 1000""")
                        .bind(0, prefix + "%").bind(1, horizon)
                        .map(row -> toAlert(row, today, horizon)).all().collectList());
    }

    private static String scope(Caller caller, String division) {
        Jurisdiction requested = division == null || division.isBlank() ? null : Jurisdiction.requested(division);
        if (caller.role() == Role.ADMIN || caller.role() == Role.SYSTEM) {
            return requested == null ? "" : requested.prefix();
        }
        if (requested == null) {
            return caller.jurisdiction().prefix();
        }
        if (!caller.jurisdiction().contains(requested)) {
            throw new DomainException(ErrorCode.NOT_IN_JURISDICTION, "Division " + requested + " is outside the caller's jurisdiction");
        }
        return requested.prefix();
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
