package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.ClassId;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A class's approved places changed. */
@DomainEvent
@Revision("1")
public record ClassResized(InstitutionId institutionId, ClassId classId, int places, int previousPlaces, Instant occurredAt) implements InstitutionEvent {
}
