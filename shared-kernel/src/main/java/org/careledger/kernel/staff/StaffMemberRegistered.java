package org.careledger.kernel.staff;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.stereotype.DomainEvent;

/** A staff member joined; {@code classId} is the class a carer looks after (may be null). */
@DomainEvent
@Revision("1")
public record StaffMemberRegistered(InstitutionId institutionId, StaffRef staffRef, StaffRole role, ClassId classId,
                                    String qualification, LocalDate qualificationExpiresOn,
                                    LocalDate healthCertificateExpiresOn, Instant occurredAt) implements InstitutionEvent {
}
