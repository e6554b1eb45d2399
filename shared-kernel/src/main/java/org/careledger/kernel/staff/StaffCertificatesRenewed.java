package org.careledger.kernel.staff;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.stereotype.DomainEvent;

/** A staff member's qualification and health certificates now expire on these dates. */
@DomainEvent
@Revision("1")
public record StaffCertificatesRenewed(InstitutionId institutionId, StaffRef staffRef, LocalDate qualificationExpiresOn,
                                       LocalDate healthCertificateExpiresOn, Instant occurredAt)
        implements InstitutionEvent {
}
