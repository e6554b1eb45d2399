package org.careledger.kernel.subsidy;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/**
 * A recomputation on later facts (a late attendance correction, a withdrawn enrolment) gave another
 * amount: the difference is decided as a SUPPLEMENT (positive) or a CLAWBACK (negative), with the
 * new basis. The earlier decision is never changed.
 */
@DomainEvent
@Revision("1")
public record SubsidyAdjustmentDecided(InstitutionId institutionId, String caseId, Adjustment adjustment, long deltaFen,
                                       long previousAmountFen, long recomputedAmountFen, SubsidyBasis basis,
                                       Instant occurredAt) implements InstitutionEvent {

    public enum Adjustment { SUPPLEMENT, CLAWBACK }
}
