package org.careledger.kernel.staff;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;

/** A staff member left the institution. */
@Revision("1")
public record StaffMemberLeft(InstitutionId institutionId, StaffRef staffRef, LocalDate leftOn, Instant occurredAt)
        implements InstitutionEvent {
}
