package org.careledger.kernel.licence;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** An e-license platform notified a change of the business licence (revoked, expired, changed). */
@DomainEvent
@Revision("1")
public record LicenceStatusChanged(InstitutionId institutionId, String platformId, String notificationId, LicenceChange change, Instant effectiveAt, String detail, Instant occurredAt) implements InstitutionEvent {
}
