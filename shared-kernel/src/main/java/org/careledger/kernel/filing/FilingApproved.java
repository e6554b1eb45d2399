package org.careledger.kernel.filing;

import java.time.Instant;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.DivisionCode;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** The health commission accepted the filing and issued a filing number; the institution is now filed. */
@DomainEvent
@Revision("1")
public record FilingApproved(InstitutionId institutionId, FilingNumber filingNumber, DivisionCode division, Instant occurredAt) implements InstitutionEvent {
}
