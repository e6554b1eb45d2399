package org.careledger.kernel.attendance;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** First records of a day for these children. */
@Revision("1")
public record AttendanceRecorded(InstitutionId institutionId, LocalDate day, List<AttendanceEntry> entries,
                                 Instant occurredAt) implements AttendanceEvent {

    public AttendanceRecorded {
        entries = List.copyOf(entries);
    }
}
