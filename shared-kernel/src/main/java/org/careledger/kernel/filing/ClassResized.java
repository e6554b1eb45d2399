package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.ClassId;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** A class's approved places changed. */
@Revision("1")
public record ClassResized(InstitutionId institutionId, ClassId classId, int places, int previousPlaces, Instant occurredAt) implements InstitutionEvent {
}
