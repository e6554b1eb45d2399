package org.careledger.kernel.licence;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** An inspector accepted the filing without a verified licence; the written reason is kept. */
@DomainEvent
@Revision("1")
public record LicenceVerificationOverridden(InstitutionId institutionId, String reason, Instant occurredAt) implements InstitutionEvent {
}
