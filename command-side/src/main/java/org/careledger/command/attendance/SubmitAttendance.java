package org.careledger.command.attendance;

import org.careledger.kernel.attendance.AttendanceEntry;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/**
 * A day's attendance for an institution, as one batch. Records already submitted unchanged are
 * ignored; changed ones are corrections and need {@code correctionReason}.
 */
public record SubmitAttendance(@TargetAggregateIdentifier String attendanceDayId, InstitutionId institutionId,
                               LocalDate day, List<AttendanceEntry> entries, String correctionReason) {

    public SubmitAttendance {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }

    /** The aggregate identifier of an institution's day: institution id and ISO date. */
    public static String dayId(InstitutionId institution, LocalDate day) {
        return institution.value() + "/" + day;
    }
}
