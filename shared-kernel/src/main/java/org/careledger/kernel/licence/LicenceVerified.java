package org.careledger.kernel.licence;

import java.time.Instant;
import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The e-license platform confirmed the institution's business licence, valid for a period. */
@DomainEvent
@Revision("1")
public record LicenceVerified(InstitutionId institutionId, String licenceNumber, LocalDate validFrom, LocalDate validUntil, Instant occurredAt) implements InstitutionEvent {
}
