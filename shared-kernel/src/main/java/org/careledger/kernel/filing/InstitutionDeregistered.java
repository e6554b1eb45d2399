package org.careledger.kernel.filing;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** The institution was deregistered (注销). */
@Revision("1")
public record InstitutionDeregistered(InstitutionId institutionId, String reason, Instant occurredAt) implements InstitutionEvent {
}
