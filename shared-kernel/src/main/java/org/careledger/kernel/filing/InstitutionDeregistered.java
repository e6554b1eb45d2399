package org.careledger.kernel.filing;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The institution was deregistered (注销). */
@DomainEvent
@Revision("1")
public record InstitutionDeregistered(InstitutionId institutionId, String reason, Instant occurredAt) implements FilingStatusChanged {
}
