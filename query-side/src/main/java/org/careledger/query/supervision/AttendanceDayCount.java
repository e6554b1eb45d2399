package org.careledger.query.supervision;

import java.time.LocalDate;
import java.util.Collections;
import java.util.Set;
import java.util.TreeSet;

import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceRecorded;

/**
 * Recorded and attended child-days of one institution on one day (ADR 0015): all that the
 * utilisation figures read. A pure fold, no I/O.
 *
 * <p>Counters are not idempotent by themselves, so each count remembers the last position it
 * applied and the ids of the events applied at that position: a tracking token gives the events
 * of a transaction that filled a gap in the global index the position of the highest index seen,
 * so two events can share a position and only their ids tell them apart. An event before the last
 * position, or at it with a known id, is a redelivery and changes nothing.
 *
 * @param recorded     children with a record that day (each child once: corrections change no count here)
 * @param attended     of them, the children present
 * @param lastPosition global position of the last event applied, -1 before the first
 * @param lastEventIds ids of the events applied at {@code lastPosition}
 */
record AttendanceDayCount(String institutionId, LocalDate day, int recorded, int attended, long lastPosition,
                          Set<String> lastEventIds) {

    AttendanceDayCount {
        lastEventIds = Collections.unmodifiableSet(new TreeSet<>(lastEventIds));
    }

    static AttendanceDayCount none(String institutionId, LocalDate day) {
        return new AttendanceDayCount(institutionId, day, 0, 0, -1, Set.of());
    }

    /** What one attendance event changes in its day's count. */
    record Change(String institutionId, LocalDate day, int recorded, int attended, long position, String eventId) {

        /** First records of the day: each child is recorded once by the attendance day aggregate. */
        static Change of(AttendanceRecorded event, long position, String eventId) {
            int present = 0;
            for (AttendanceEntry e : event.entries()) {
                present += e.present() ? 1 : 0;
            }
            return new Change(event.institutionId().value(), event.day(), event.entries().size(), present, position, eventId);
        }

        /** A correction replaces a child's record: the child stays recorded, and may turn present or absent. */
        static Change of(AttendanceCorrected event, long position, String eventId) {
            int attended = (event.after().present() ? 1 : 0) - (event.before().present() ? 1 : 0);
            return new Change(event.institutionId().value(), event.day(), 0, attended, position, eventId);
        }
    }

    /** This count with the change applied, or this count itself if the change was applied before. */
    AttendanceDayCount apply(Change change) {
        boolean seen = change.position() < lastPosition
                || (change.position() == lastPosition && lastEventIds.contains(change.eventId()));
        if (seen) {
            return this;
        }
        Set<String> ids = new TreeSet<>();
        if (change.position() == lastPosition) {
            ids.addAll(lastEventIds);
        }
        ids.add(change.eventId());
        return new AttendanceDayCount(institutionId, day, recorded + change.recorded(), attended + change.attended(),
                change.position(), ids);
    }
}
