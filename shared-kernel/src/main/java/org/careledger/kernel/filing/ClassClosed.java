package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.ClassId;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** A class was closed. */
@Revision("1")
public record ClassClosed(InstitutionId institutionId, ClassId classId, String reason, Instant occurredAt) implements InstitutionEvent {
}
