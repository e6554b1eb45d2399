package org.careledger.command.subsidy;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.subsidy.SubsidyAdjustmentDecided;
import org.careledger.kernel.subsidy.SubsidyApproved;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.subsidy.SubsidyPaid;
import org.careledger.kernel.subsidy.SubsidyRejected;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.command.SnapshotFields;

/**
 * One subsidy case: an institution, a kind, a period. It holds the computed decision, the officer's
 * approval or rejection, payments, and adjustments after recomputation. A decided amount never
 * changes: a different recomputed amount becomes a supplement or a clawback of its own.
 */
@AggregateRoot
@Aggregate
@SnapshotFields
class SubsidyCase {

    /** Answer of a recomputation that found the same amount and basis: nothing is written. */
    static final String UNCHANGED = "UNCHANGED";

    @AggregateIdentifier
    private String caseId;
    private InstitutionId institutionId;
    private SubsidyKind kind;
    private LocalDate periodFrom;
    private LocalDate periodTo;
    private SubsidyInputs inputs;
    private String policyId;
    private int policyVersion;
    /** Amount computed so far (decision plus adjustments), and what awaits a decision (null if nothing). */
    private long computedFen;
    private Long awaitingFen;
    private long approvedFen;
    private long paidFen;
    private boolean rejected;

    protected SubsidyCase() {
    }

    SubsidyCase(String caseId, DivisionCode division, SubsidyDecisionComputed decision) {
        apply(decision, InstitutionMetaData.of(decision.institutionId(), division));
    }

    @CommandHandler
    void handle(DecideSubsidy command, MetaData metaData, Clock clock, InstitutionDirectory institutions,
                SubsidyPeriodClaims claims) {
        DivisionCode division = officer(metaData, institutions);
        if (awaitingFen == null) {
            throw new DomainException(ErrorCode.SUBSIDY_NOT_AWAITING_DECISION, "Nothing in case " + caseId + " awaits a decision");
        }
        if (command.reason() == null || command.reason().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "A decision gives its reason");
        }
        if (command.approve()) {
            apply(new SubsidyApproved(institutionId, caseId, awaitingFen, command.reason().strip(), clock.instant()), InstitutionMetaData.of(institutionId, division));
        } else {
            if (approvedFen == 0) {
                claims.release(caseId);   // nothing of it was ever approved: its days may be applied for again
            }
            apply(new SubsidyRejected(institutionId, caseId, command.reason().strip(), clock.instant()), InstitutionMetaData.of(institutionId, division));
        }
    }

    @CommandHandler
    void handle(RecordSubsidyPayment command, MetaData metaData, Clock clock, InstitutionDirectory institutions) {
        DivisionCode division = officer(metaData, institutions);
        long unpaid = approvedFen - paidFen;
        if (unpaid == 0) {
            throw new DomainException(ErrorCode.SUBSIDY_NOTHING_TO_PAY, "Case " + caseId + " has nothing approved and unpaid");
        }
        if (command.paidOn() == null || command.reference() == null || command.reference().isBlank()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "paidOn and reference are required");
        }
        apply(new SubsidyPaid(institutionId, caseId, unpaid, command.paidOn(), command.reference().strip(), clock.instant()),
                InstitutionMetaData.of(institutionId, division));
    }

    /**
     * Recomputes on the facts known now with the policy version of the decision. The same amount
     * writes nothing; another amount is decided as a supplement or a clawback awaiting an officer.
     */
    @CommandHandler
    Object handle(RecomputeSubsidy command, MetaData metaData, Clock clock, SubsidyPolicies policies,
                  SubsidyFactsLoader loader, InstitutionDirectory institutions) {
        DivisionCode division = officer(metaData, institutions);
        if (awaitingFen != null) {
            throw new DomainException(ErrorCode.SUBSIDY_DECISION_PENDING, "Case " + caseId + " has "
                    + awaitingFen + " fen awaiting an officer's decision; decide it before recomputing");
        }
        if (rejected) {
            throw new DomainException(ErrorCode.SUBSIDY_CASE_REJECTED, "Case " + caseId
                    + " was rejected; a rejected case is not recomputed");
        }
        SubsidyPolicy policy = policies.version(policyId, policyVersion).orElseThrow(() -> new DomainException(
                ErrorCode.NO_SUBSIDY_POLICY, "Policy " + policyId + " v" + policyVersion + " is no longer loaded"));
        Instant now = clock.instant();
        SubsidyEngine.Result result = SubsidyComputation.computeOrZero(policy, loader, institutionId, periodFrom, periodTo,
                inputs, now);
        long delta = result.amountFen() - computedFen;
        if (delta == 0) {
            return UNCHANGED;
        }
        apply(new SubsidyAdjustmentDecided(institutionId, caseId, delta > 0 ? SubsidyAdjustmentDecided.Adjustment.SUPPLEMENT
                : SubsidyAdjustmentDecided.Adjustment.CLAWBACK, delta, computedFen, result.amountFen(), result.basis(), now),
                InstitutionMetaData.of(institutionId, division));
        return caseId;
    }

    /** Subsidy officers of the institution's jurisdiction (and administrators); answers the division. */
    private DivisionCode officer(MetaData metaData, InstitutionDirectory institutions) {
        DivisionCode division = institutions.requireDivisionOf(institutionId);
        Caller.fromMetaData(metaData).requireRole(Role.SUBSIDY_OFFICER, Role.ADMIN).requireAccess(institutionId, division);
        return division;
    }

    @EventSourcingHandler
    void on(SubsidyDecisionComputed e) {
        caseId = e.caseId();
        institutionId = e.institutionId();
        kind = e.kind();
        periodFrom = e.periodFrom();
        periodTo = e.periodTo();
        inputs = e.inputs();
        policyId = e.basis().policyId();
        policyVersion = e.basis().policyVersion();
        computedFen = e.amountFen();
        awaitingFen = e.amountFen();
    }

    @EventSourcingHandler
    void on(SubsidyApproved e) {
        approvedFen += e.amountFen();
        awaitingFen = null;
    }

    @EventSourcingHandler
    void on(SubsidyRejected e) {
        awaitingFen = null;
        rejected = true;
    }

    @EventSourcingHandler
    void on(SubsidyPaid e) {
        paidFen += e.amountFen();
    }

    @EventSourcingHandler
    void on(SubsidyAdjustmentDecided e) {
        computedFen = e.recomputedAmountFen();
        awaitingFen = e.deltaFen();
    }
}
