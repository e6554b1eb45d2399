package org.careledger.command.subsidy;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.command.filing.InstitutionDirectory;
import org.springframework.stereotype.Component;

/**
 * Reproduces a case's decision: recomputes it from the events as recorded when it was decided,
 * under the policy version it names, and compares amount and basis with the recorded decision.
 */
@Component
public class SubsidyReproduction {

    /** The recorded and the recomputed decision, and whether they are identical. */
    public record Reproduction(String caseId, boolean reproduced, long recordedAmountFen, long recomputedAmountFen,
                               SubsidyBasis recordedBasis, SubsidyBasis recomputedBasis) {
    }

    private final EventStore events;
    private final SubsidyPolicies policies;
    private final SubsidyFactsLoader loader;
    private final InstitutionDirectory institutions;

    SubsidyReproduction(EventStore events, SubsidyPolicies policies, SubsidyFactsLoader loader,
                        InstitutionDirectory institutions) {
        this.events = events;
        this.policies = policies;
        this.loader = loader;
        this.institutions = institutions;
    }

    /** Blocking (JDBC): call on a bounded scheduler. */
    public Reproduction reproduce(String caseId, Caller caller) {
        List<? extends DomainEventMessage<?>> stream = events.readEvents(caseId, 0).asStream().toList();
        SubsidyDecisionComputed decision = stream.stream().map(DomainEventMessage::getPayload)
                .filter(SubsidyDecisionComputed.class::isInstance).map(SubsidyDecisionComputed.class::cast).findFirst()
                .orElseThrow(() -> new DomainException(ErrorCode.SUBSIDY_CASE_NOT_FOUND, "No subsidy case " + caseId));
        DivisionCode division = institutions.requireDivisionOf(decision.institutionId());
        caller.requireRole(Role.OPERATOR, Role.SUBSIDY_OFFICER, Role.INSPECTOR, Role.ADMIN)
                .requireAccess(decision.institutionId(), division);
        SubsidyPolicy policy = policies.version(decision.basis().policyId(), decision.basis().policyVersion())
                .orElseThrow(() -> new DomainException(ErrorCode.NO_SUBSIDY_POLICY, "Policy "
                        + decision.basis().policyId() + " v" + decision.basis().policyVersion() + " is not loaded"));
        SubsidyEngine.Result again = SubsidyComputation.compute(policy, loader, decision.institutionId(),
                decision.periodFrom(), decision.periodTo(), decision.inputs(), decision.basis().factsAsOf());
        return new Reproduction(caseId, again.amountFen() == decision.amountFen() && again.basis().equals(decision.basis()),
                decision.amountFen(), again.amountFen(), decision.basis(), again.basis());
    }
}
