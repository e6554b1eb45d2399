package org.careledger.kernel.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** First records of a day for these children. */
@DomainEvent
@Revision("1")
public record AttendanceRecorded(InstitutionId institutionId, LocalDate day, List<AttendanceEntry> entries,
                                 Instant occurredAt) implements AttendanceEvent {

    public AttendanceRecorded {
        entries = List.copyOf(entries);
    }
}
