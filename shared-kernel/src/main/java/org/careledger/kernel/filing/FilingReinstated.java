package org.careledger.kernel.filing;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A suspension was lifted; the institution is filed again. */
@DomainEvent
@Revision("1")
public record FilingReinstated(InstitutionId institutionId, String reason, Instant occurredAt) implements FilingStatusChanged {
}
