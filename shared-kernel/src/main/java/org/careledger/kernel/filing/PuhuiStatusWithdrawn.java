package org.careledger.kernel.filing;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** 普惠 status was withdrawn from a date. */
@DomainEvent
@Revision("1")
public record PuhuiStatusWithdrawn(InstitutionId institutionId, LocalDate effectiveFrom, String reason, Instant occurredAt) implements InstitutionEvent {
}
