package org.careledger.kernel.child;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** Someone saw a child's personal data: who (in the metadata: actor and role), which child, when, why. */
@DomainEvent
@Revision("1")
public record ChildPersonalDataViewed(ChildRef childRef, InstitutionId institutionId, String viewerId, String viewerRole,
                                      String purpose, Instant occurredAt) implements InstitutionEvent {
}
