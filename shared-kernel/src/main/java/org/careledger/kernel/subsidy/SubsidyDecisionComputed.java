package org.careledger.kernel.subsidy;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The engine computed a subsidy amount (integer fen) with its complete basis; it awaits an officer. */
@DomainEvent
@Revision("1")
public record SubsidyDecisionComputed(InstitutionId institutionId, String caseId, SubsidyKind kind, LocalDate periodFrom,
                                      LocalDate periodTo, SubsidyInputs inputs, long amountFen, SubsidyBasis basis,
                                      Instant occurredAt) implements InstitutionEvent {
}
