package org.careledger.kernel.child;

import java.time.Instant;
import java.time.YearMonth;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/**
 * A child was registered with an institution. Only non-identifying facts: the birth month (for
 * age bands) and whether a citizen ID was checked. Personal data is in the protected store.
 */
@DomainEvent
@Revision("1")
public record ChildRegistered(ChildRef childRef, InstitutionId institutionId, YearMonth birthMonth, Instant occurredAt)
        implements InstitutionEvent {
}
