package org.careledger.kernel.child;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The child's data key was destroyed: its personal data is unreadable from now on; history stays. */
@DomainEvent
@Revision("1")
public record ChildPersonalDataErased(ChildRef childRef, InstitutionId institutionId, String reason, Instant occurredAt)
        implements InstitutionEvent {
}
