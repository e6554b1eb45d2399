package org.careledger.query.licence;

import java.time.LocalDate;
import java.util.List;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * Licence alerts for supervision, within the caller's jurisdiction: licences expiring within
 * {@code withinDays} (or expired), failed verifications, and changes flagged by e-license platforms.
 */
@RestController
@WebAdapter
public record LicenceAlertsController(LicenceAlertsQueries queries, ProjectionProgress progress) {

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
        LocalDate today = InputRules.today();
        LocalDate horizon = today.plusDays(days);
        return progress.await(LicenceAlertsProjection.NAME, minPosition)
                .then(queries.alerts(prefix, today, horizon));
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
}
