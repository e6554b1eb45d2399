package org.careledger.query.subsidy;

import java.sql.Date;
import java.sql.Timestamp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackingToken;
import org.careledger.kernel.messaging.EventMetadata;
import org.careledger.kernel.stereotype.Projection;
import org.careledger.kernel.subsidy.SubsidyAdjustmentDecided;
import org.careledger.kernel.subsidy.SubsidyApproved;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.subsidy.SubsidyPaid;
import org.careledger.kernel.subsidy.SubsidyRejected;
import org.careledger.query.institution.EventIsolation;
import org.careledger.query.institution.JdbcProjection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The subsidy ledger: cases with their computed, approved and paid totals, and every decision with
 * its basis. Subsidy events are few (a handful per institution and year), so each is one statement
 * in the processor's batch transaction. Every update is guarded by the event position, so
 * redelivery changes nothing; a replay rebuilds the same rows.
 */
@Projection
@Component
@ProcessingGroup(SubsidyLedgerProjection.NAME)
public class SubsidyLedgerProjection extends JdbcProjection {

    public static final String NAME = "subsidy-ledger";

    private final ObjectMapper json;

    public SubsidyLedgerProjection(JdbcTemplate jdbc, EventIsolation isolation, ObjectMapper json) {
        super(NAME, jdbc, isolation, "subsidy_decision", "subsidy_case");
        this.json = json;
    }

    @EventHandler
    void on(SubsidyDecisionComputed e, EventMessage<?> message, TrackingToken token) {
        apply(message, token, position -> {
            jdbc.update("""
                    INSERT INTO subsidy_case (case_id, institution_id, division_code, kind, period_from, period_to, status,
                        computed_fen, approved_fen, paid_fen, policy_id, policy_version, decided_at, last_position)
                    VALUES (?, ?, ?, ?, ?, ?, 'AWAITING_DECISION', ?, 0, 0, ?, ?, ?, ?) ON CONFLICT (case_id) DO NOTHING""",
                    e.caseId(), e.institutionId().value(), String.valueOf(message.getMetaData().get(EventMetadata.JURISDICTION)),
                    e.kind().name(), Date.valueOf(e.periodFrom()), Date.valueOf(e.periodTo()), e.amountFen(),
                    e.basis().policyId(), e.basis().policyVersion(), Timestamp.from(e.occurredAt()), position);
            decision(e.caseId(), position, "COMPUTED", e.amountFen(), e.amountFen(), e.basis(), e);
        });
    }

    @EventHandler
    void on(SubsidyAdjustmentDecided e, EventMessage<?> message, TrackingToken token) {
        apply(message, token, position -> {
            updateCase(e.caseId(), position, "status = 'AWAITING_DECISION', computed_fen = ?", e.recomputedAmountFen());
            decision(e.caseId(), position, e.adjustment().name(), e.deltaFen(), e.recomputedAmountFen(), e.basis(), e);
        });
    }

    @EventHandler
    void on(SubsidyApproved e, EventMessage<?> message, TrackingToken token) {
        apply(message, token, position ->
                updateCase(e.caseId(), position, "status = 'APPROVED', approved_fen = approved_fen + ?", e.amountFen()));
    }

    @EventHandler
    void on(SubsidyRejected e, EventMessage<?> message, TrackingToken token) {
        apply(message, token, position -> updateCase(e.caseId(), position, "status = 'REJECTED'"));
    }

    @EventHandler
    void on(SubsidyPaid e, EventMessage<?> message, TrackingToken token) {
        apply(message, token, position -> updateCase(e.caseId(), position,
                "status = CASE WHEN approved_fen = paid_fen + ? THEN 'PAID' ELSE status END, paid_fen = paid_fen + ?",
                e.amountFen(), e.amountFen()));
    }

    private void updateCase(String caseId, long position, String set, Object... values) {
        updateInEventOrder("subsidy_case", "case_id", caseId, position, set, values);
    }

    private void decision(String caseId, long position, String kind, long delta, long amount, SubsidyBasis basis,
                          org.careledger.kernel.filing.InstitutionEvent e) {
        try {
            jdbc.update("INSERT INTO subsidy_decision (case_id, position, decision, delta_fen, amount_fen, basis, decided_at) "
                    + "VALUES (?, ?, ?, ?, ?, CAST(? AS jsonb), ?) ON CONFLICT DO NOTHING", caseId, position, kind, delta,
                    amount, json.writeValueAsString(basis), Timestamp.from(e.occurredAt()));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("cannot store the basis of case " + caseId, ex);
        }
    }
}
