package org.careledger.query.subsidy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.r2dbc.spi.Readable;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.subsidy.BasisItem;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.query.api.Paging;
import org.careledger.query.progress.ProjectionProgress;
import org.springframework.r2dbc.core.DatabaseClient;
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
public class SubsidyLedgerController {

    private final DatabaseClient db;
    private final ProjectionProgress progress;
    private final ObjectMapper json;

    public SubsidyLedgerController(DatabaseClient db, ProjectionProgress progress, ObjectMapper json) {
        this.db = db;
        this.progress = progress;
        this.json = json;
    }

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
    public Mono<Ledger> ledger(Caller caller, @RequestParam(required = false) String institutionId,
                               @RequestParam(required = false) String division,
                               @RequestParam(required = false) String kind,
                               @RequestParam(required = false) String from,
                               @RequestParam(required = false) String to,
                               @RequestParam(required = false) Integer page,
                               @RequestParam(required = false) Integer size,
                               @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        List<Object> binds = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (caller.role() == Role.OPERATOR) {
            binds.add(caller.institutionId().value());
            where.append(" AND institution_id = $").append(binds.size());
        } else {
            binds.add(org.careledger.query.api.Scopes.divisionPrefix(caller, division) + "%");
            where.append(" AND division_code LIKE $").append(binds.size());
            if (institutionId != null && !institutionId.isBlank()) {
                binds.add(institution(institutionId).value());
                where.append(" AND institution_id = $").append(binds.size());
            }
        }
        if (kind != null && !kind.isBlank()) {
            try {
                binds.add(SubsidyKind.valueOf(kind.strip().toUpperCase(Locale.ROOT)).name());
            } catch (IllegalArgumentException e) {
                throw new DomainException(ErrorCode.INVALID_QUERY, "kind is one of " + List.of(SubsidyKind.values()));
            }
            where.append(" AND kind = $").append(binds.size());
        }
        if (from != null && !from.isBlank()) {
            binds.add(day("from", from));
            where.append(" AND period_to >= $").append(binds.size());
        }
        if (to != null && !to.isBlank()) {
            binds.add(day("to", to));
            where.append(" AND period_from <= $").append(binds.size());
        }
        Paging paging = Paging.of(page, size);
        Mono<List<LedgerEntry>> items = org.careledger.query.api.Scopes.bind(db.sql("SELECT * FROM subsidy_case" + where
                + " ORDER BY period_from, institution_id, kind LIMIT " + paging.size() + " OFFSET " + paging.offset()), binds)
                .map(SubsidyLedgerController::entry).all().collectList();
        Mono<Object[]> totals = org.careledger.query.api.Scopes.bind(db.sql("SELECT count(*) AS n, coalesce(sum(computed_fen), 0) AS computed, "
                + "coalesce(sum(approved_fen), 0) AS approved, coalesce(sum(paid_fen), 0) AS paid FROM subsidy_case" + where), binds)
                .map(row -> new Object[] {row.get("n", Long.class), number(row, "computed"), number(row, "approved"),
                        number(row, "paid")}).one();
        return progress.await(SubsidyLedgerProjection.NAME, minPosition)
                .then(Mono.zip(items, totals))
                .map(t -> new Ledger(t.getT1(), paging.page(), paging.size(), (Long) t.getT2()[0],
                        new Totals((Long) t.getT2()[1], (Long) t.getT2()[2], (Long) t.getT2()[3])));
    }

    @GetMapping("/api/v1/subsidies/{caseId}/explanation")
    public Mono<Explanation> explain(Caller caller, @PathVariable String caseId,
                                     @RequestParam(required = false) Long minPosition) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN);
        org.careledger.kernel.id.Identifiers.inPath(caseId, id -> org.careledger.kernel.id.Identifiers.uuid("case id", id),
                "case id");
        return progress.await(SubsidyLedgerProjection.NAME, minPosition)
                .then(db.sql("SELECT * FROM subsidy_case WHERE case_id = $1").bind(0, caseId)
                        .map(SubsidyLedgerController::entry).one())
                .switchIfEmpty(Mono.error(new DomainException(ErrorCode.SUBSIDY_CASE_NOT_FOUND, "No subsidy case " + caseId)))
                .doOnNext(c -> caller.requireAccess(InstitutionId.of(c.institutionId()), DivisionCode.parse(c.division())))
                .flatMap(c -> db.sql("SELECT decision, delta_fen, amount_fen, basis::text AS basis FROM subsidy_decision "
                                + "WHERE case_id = $1 ORDER BY position").bind(0, caseId)
                        .map(row -> explained(row.get("decision", String.class), row.get("delta_fen", Long.class),
                                row.get("amount_fen", Long.class), row.get("basis", String.class)))
                        .all().collectList().map(d -> new Explanation(c, d)));
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

    private static LedgerEntry entry(Readable row) {
        return new LedgerEntry(row.get("case_id", String.class), row.get("institution_id", String.class),
                row.get("division_code", String.class), row.get("kind", String.class),
                row.get("period_from", LocalDate.class), row.get("period_to", LocalDate.class),
                row.get("status", String.class), row.get("computed_fen", Long.class), row.get("approved_fen", Long.class),
                row.get("paid_fen", Long.class), row.get("policy_id", String.class), row.get("policy_version", Integer.class));
    }

    private static long number(Readable row, String column) {
        Number n = (Number) row.get(column);
        return n == null ? 0 : n.longValue();
    }


    private static InstitutionId institution(String raw) {
        try {
            return InstitutionId.of(raw);
        } catch (DomainException e) {
            throw new DomainException(ErrorCode.INVALID_QUERY, "institutionId is not a UUID");
        }
    }

    private static LocalDate day(String field, String raw) {
        return org.careledger.kernel.value.InputRules.queryDate(field, raw);
    }
}
