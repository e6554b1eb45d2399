package org.careledger.kernel.attendance;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A record already submitted for a day was changed: the before and after, and why. */
@DomainEvent
@Revision("1")
public record AttendanceCorrected(InstitutionId institutionId, LocalDate day, AttendanceEntry before,
                                  AttendanceEntry after, String reason, Instant occurredAt) implements AttendanceEvent {
}
