package org.careledger.kernel.licence;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The e-license platform did not confirm the business licence (expired, revoked or unknown). */
@DomainEvent
@Revision("1")
public record LicenceVerificationFailed(InstitutionId institutionId, LicenceCheckOutcome outcome, String detail, Instant occurredAt) implements InstitutionEvent {
}
