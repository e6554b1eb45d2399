package org.careledger.query.subsidy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.stereotype.WebAdapter;
import org.careledger.kernel.subsidy.BasisItem;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.query.api.Paging;
import org.careledger.query.progress.ProjectionProgress;
import org.springdoc.core.annotations.ParameterObject;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * The subsidy ledger by institution, division and period with totals, and a readable explanation
 * of each decision's basis. Operators see their own institution; inspectors and officers their
 * jurisdiction; administrators everything.
 */
@RestController
@WebAdapter
public record SubsidyLedgerController(SubsidyLedgerQueries queries, ProjectionProgress progress, ObjectMapper json) {

    public record LedgerEntry(String caseId, String institutionId, String division, String kind, LocalDate periodFrom,
                              LocalDate periodTo, String status, long computedFen, long approvedFen, long paidFen,
                              String policyId, int policyVersion) {
    }

    public record Totals(long computedFen, long approvedFen, long paidFen) {
    }

    public record Ledger(List<LedgerEntry> items, int page, int size, long total, Totals totals) {
    }

    public record ExplainedDecision(String decision, long deltaFen, long amountFen, String amountYuan, String policy,
                                    String policySource, String rounding, String factsAsOf, List<String> lines,
                                    List<BasisItem> items, List<String> trace) {
    }

    public record Explanation(LedgerEntry subsidyCase, List<ExplainedDecision> decisions) {
    }

    @GetMapping("/api/v1/subsidies")
    public Mono<Ledger> ledger(Caller caller, @ParameterObject LedgerQuery query) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        String institution = null;
        String prefix = null;
        if (caller.role() == Role.OPERATOR) {
            institution = caller.institutionId().value();
        } else {
            prefix = org.careledger.query.api.JurisdictionScope.divisionPrefix(caller, query.division());
            if (query.institutionId() != null && !query.institutionId().isBlank()) {
                institution = institution(query.institutionId()).value();
            }
        }
        SubsidyKind k = null;
        if (query.kind() != null && !query.kind().isBlank()) {
            try {
                k = SubsidyKind.valueOf(query.kind().strip().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorCode.INVALID_QUERY, "kind is one of " + List.of(SubsidyKind.values()));
            }
        }
        SubsidyLedgerQueries.Filter filter = new SubsidyLedgerQueries.Filter(prefix, institution, k,
                query.from() == null || query.from().isBlank() ? null : day("from", query.from()),
                query.to() == null || query.to().isBlank() ? null : day("to", query.to()));
        Paging paging = Paging.of(query.page(), query.size());
        return progress.await(SubsidyLedgerProjection.NAME, query.minPosition())
                .then(queries.ledger(filter, paging));
    }
    @GetMapping("/api/v1/subsidies/{caseId}/explanation")
    public Mono<Explanation> explain(Caller caller, @PathVariable String caseId,
                                     @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        org.careledger.kernel.id.Identifiers.inPath(caseId, id -> org.careledger.kernel.id.Identifiers.uuid("case id", id),
                "case id");
        return progress.await(SubsidyLedgerProjection.NAME, minPosition)
                .then(queries.subsidyCase(caseId))
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.SUBSIDY_CASE_NOT_FOUND, "No subsidy case " + caseId)))
                .doOnNext(c -> caller.requireAccess(new InstitutionId(c.institutionId()), DivisionCode.parse(c.division())))
                .flatMap(c -> queries.decisions(caseId)
                        .map(d -> explained(d.decision(), d.deltaFen(), d.amountFen(), d.basisJson()))
                        .collectList().map(d -> new Explanation(c, d)));
    }

    private ExplainedDecision explained(String decision, long delta, long amount, String basisJson) {
        SubsidyBasis basis;
        try {
            basis = json.readValue(basisJson, SubsidyBasis.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read a stored subsidy basis", e);
        }
        List<String> lines = new ArrayList<>();
        for (BasisItem i : basis.items()) {
            lines.add(i.fact() + (i.subject() == null ? "" : " — " + i.subject()) + ": " + i.quantity() + " × "
                    + yuan(i.rateFen()) + " yuan = " + yuan(i.amountFen()) + " yuan (events: "
                    + (i.eventIds().size() > 5 ? i.eventIds().subList(0, 5) + " and " + (i.eventIds().size() - 5) + " more"
                    : i.eventIds()) + ")");
        }
        return new ExplainedDecision(decision, delta, amount, yuan(amount), basis.policyId() + " v" + basis.policyVersion(),
                basis.policySource(), basis.rounding(), String.valueOf(basis.factsAsOf()), lines, basis.items(),
                basis.trace());
    }

    private static String yuan(long fen) {
        return BigDecimal.valueOf(fen).movePointLeft(2).toPlainString();
    }

    private static InstitutionId institution(String raw) {
        try {
            return new InstitutionId(raw);
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "institutionId is not a UUID");
        }
    }

    private static LocalDate day(String field, String raw) {
        return org.careledger.kernel.value.InputRules.queryDate(field, raw);
    }
}
