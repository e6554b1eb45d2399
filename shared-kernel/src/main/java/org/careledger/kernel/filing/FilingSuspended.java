package org.careledger.kernel.filing;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The filing was suspended. */
@DomainEvent
@Revision("1")
public record FilingSuspended(InstitutionId institutionId, String reason, Instant occurredAt) implements FilingStatusChanged {
}
