package org.careledger.kernel.subsidy;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A payment of an approved subsidy (negative for a clawback recovered), with its reference. */
@DomainEvent
@Revision("1")
public record SubsidyPaid(InstitutionId institutionId, String caseId, long amountFen, LocalDate paidOn, String reference,
                          Instant occurredAt) implements InstitutionEvent {
}
