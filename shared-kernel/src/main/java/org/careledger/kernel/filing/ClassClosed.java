package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.ClassId;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A class was closed. */
@DomainEvent
@Revision("1")
public record ClassClosed(InstitutionId institutionId, ClassId classId, String reason, Instant occurredAt) implements InstitutionEvent {
}
