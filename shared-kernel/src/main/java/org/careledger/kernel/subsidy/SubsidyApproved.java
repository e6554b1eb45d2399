package org.careledger.kernel.subsidy;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A subsidy officer approved the computed amount (or an adjustment: {@code amountFen} is what was approved now). */
@DomainEvent
@Revision("1")
public record SubsidyApproved(InstitutionId institutionId, String caseId, long amountFen, String reason,
                              Instant occurredAt) implements InstitutionEvent {
}
