package org.careledger.query.subsidy;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import io.r2dbc.spi.Readable;
import org.careledger.kernel.stereotype.ReadQueries;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.query.api.Paging;
import org.careledger.query.api.PositionalBinds;
import org.careledger.query.subsidy.SubsidyLedgerController.Ledger;
import org.careledger.query.subsidy.SubsidyLedgerController.LedgerEntry;
import org.careledger.query.subsidy.SubsidyLedgerController.Totals;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Reads {@code subsidy_case} and {@code subsidy_decision}, which {@link SubsidyLedgerProjection} writes. */
@Component
@ReadQueries
public record SubsidyLedgerQueries(DatabaseClient db) {

    /**
     * Which cases a ledger lists; null fields do not filter. {@code from} and {@code to} keep the cases
     * whose period overlaps them.
     */
    record Filter(String divisionPrefix, String institutionId, SubsidyKind kind, LocalDate from, LocalDate to) {
    }

    /** A stored decision of a case, its basis as stored JSON. */
    record Decision(String decision, long deltaFen, long amountFen, String basisJson) {
    }

    /** A page of the cases the filter keeps, with the count and sums of all of them. */
    Mono<Ledger> ledger(Filter filter, Paging paging) {
        List<Object> binds = new ArrayList<>();
        StringBuilder where = new StringBuilder(" WHERE true");
        if (filter.institutionId() != null && filter.divisionPrefix() == null) {
            binds.add(filter.institutionId());
            where.append(" AND institution_id = $").append(binds.size());
        }
        if (filter.divisionPrefix() != null) {
            binds.add(filter.divisionPrefix() + "%");
            where.append(" AND division_code LIKE $").append(binds.size());
            if (filter.institutionId() != null) {
                binds.add(filter.institutionId());
                where.append(" AND institution_id = $").append(binds.size());
            }
        }
        if (filter.kind() != null) {
            binds.add(filter.kind().name());
            where.append(" AND kind = $").append(binds.size());
        }
        if (filter.from() != null) {
            binds.add(filter.from());
            where.append(" AND period_to >= $").append(binds.size());
        }
        if (filter.to() != null) {
            binds.add(filter.to());
            where.append(" AND period_from <= $").append(binds.size());
        }
        Mono<List<LedgerEntry>> items = PositionalBinds.bind(db.sql("SELECT * FROM subsidy_case" + where
                + " ORDER BY period_from, institution_id, kind LIMIT " + paging.size() + " OFFSET " + paging.offset()), binds)
                .map(SubsidyLedgerQueries::entry).all().collectList();
        Mono<Object[]> totals = PositionalBinds.bind(db.sql("SELECT count(*) AS n, coalesce(sum(computed_fen), 0) AS computed, "
                + "coalesce(sum(approved_fen), 0) AS approved, coalesce(sum(paid_fen), 0) AS paid FROM subsidy_case" + where), binds)
                .map(row -> new Object[] {row.get("n", Long.class), number(row, "computed"), number(row, "approved"),
                        number(row, "paid")}).one();
        return Mono.zip(items, totals)
                .map(t -> new Ledger(t.getT1(), paging.page(), paging.size(), (Long) t.getT2()[0],
                        new Totals((Long) t.getT2()[1], (Long) t.getT2()[2], (Long) t.getT2()[3])));
    }

    /** One case; empty if there is none. */
    Mono<LedgerEntry> subsidyCase(String caseId) {
        return db.sql("SELECT * FROM subsidy_case WHERE case_id = $1").bind(0, caseId)
                .map(SubsidyLedgerQueries::entry).one();
    }

    /** A case's decisions in the order they were taken. */
    Flux<Decision> decisions(String caseId) {
        return db.sql("SELECT decision, delta_fen, amount_fen, basis::text AS basis FROM subsidy_decision "
                        + "WHERE case_id = $1 ORDER BY position").bind(0, caseId)
                .map(row -> new Decision(row.get("decision", String.class), row.get("delta_fen", Long.class),
                        row.get("amount_fen", Long.class), row.get("basis", String.class)))
                .all();
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
}
