package org.careledger.kernel.subsidy;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A subsidy officer rejected the computed amount, with a reason. */
@DomainEvent
@Revision("1")
public record SubsidyRejected(InstitutionId institutionId, String caseId, String reason, Instant occurredAt)
        implements InstitutionEvent {
}
