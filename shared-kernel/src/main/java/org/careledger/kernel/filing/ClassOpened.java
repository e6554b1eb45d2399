package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.ClassType;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** A class was opened with a number of approved places. */
@DomainEvent
@Revision("1")
public record ClassOpened(InstitutionId institutionId, ClassId classId, String name, ClassType classType, int places, Instant occurredAt) implements InstitutionEvent {
}
