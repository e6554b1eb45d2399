package org.careledger.query.supervision;

import java.time.Instant;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.Jurisdiction;
import org.careledger.query.api.Page;
import org.careledger.query.api.Paging;
import org.careledger.query.api.QueryParameters;
import org.careledger.query.progress.ProjectionProgress;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The supervision list of institutions for inspectors and officers, limited to their
 * jurisdiction; administrators see every division. Read through R2DBC.
 */
@RestController
@WebAdapter
@RequestMapping("/api/v1/supervision")
public record SupervisionController(SupervisionQueries queries, ProjectionProgress progress) {

    /**
     * One institution as supervision sees it. {@code zone} and {@code zoneName}: the configured local
     * zone it is filed in (docs/domain.md, rule F7), or null.
     */
    public record SupervisedInstitution(String institutionId, String name, String creditCode,
                                        boolean creditCodeChecksumValid, String division, String type, String status,
                                        boolean puhui, String filingNumber, Map<String, Integer> places,
                                        int totalPlaces, int openClasses, Instant submittedAt, Instant filedAt,
                                        Instant lastChangedAt, String zone, String zoneName) {
    }

    @GetMapping("/institutions")
    public Mono<Page<SupervisedInstitution>> institutions(Caller caller, @ParameterObject SupervisionFilter filter) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        Violations v = new Violations();
        FilingStatus st = QueryParameters.enumValue(v, "status", filter.status(), FilingStatus.class);
        InstitutionType ty = QueryParameters.enumValue(v, "type", filter.type(), InstitutionType.class);
        String division = filter.division();
        Jurisdiction area = division == null || division.isBlank() ? null : v.parse("division", () -> Jurisdiction.requested(division));
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "Invalid query parameters", v.list());
        }
        Paging paging = Paging.of(filter.page(), filter.size());
        String prefix = org.careledger.query.api.JurisdictionScope.divisionPrefix(caller, area);

        return progress.await(SupervisionProjection.NAME, filter.minPosition())
                .then(queries.institutions(prefix, st, ty, paging));
    }
}
