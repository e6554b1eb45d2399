package org.careledger.query.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.careledger.kernel.attendance.AbsenceReason;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.junit.jupiter.api.Test;

class AttendanceDayCountTest {

    private static final InstitutionId INSTITUTION = UuidId.generate(InstitutionId::new);
    private static final LocalDate DAY = LocalDate.parse("2026-11-02");
    private static final Instant T = Instant.parse("2026-11-02T10:00:00Z");
    private static final ChildRef ANN = UuidId.generate(ChildRef::new);
    private static final ChildRef BO = UuidId.generate(ChildRef::new);
    private static final ChildRef CY = UuidId.generate(ChildRef::new);

    private static AttendanceEntry present(ChildRef child) {
        return new AttendanceEntry(child, LocalTime.of(8, 0), LocalTime.of(17, 0), null);
    }

    private static AttendanceEntry absent(ChildRef child) {
        return new AttendanceEntry(child, null, null, AbsenceReason.ILLNESS);
    }

    private static AttendanceDayCount.Change recorded(long position, String eventId) {
        return AttendanceDayCount.Change.of(new AttendanceRecorded(INSTITUTION, DAY,
                List.of(present(ANN), present(BO), absent(CY)), T), position, eventId);
    }

    private static AttendanceDayCount.Change corrected(AttendanceEntry before, AttendanceEntry after, long position,
                                                       String eventId) {
        return AttendanceDayCount.Change.of(new AttendanceCorrected(INSTITUTION, DAY, before, after, "r", T), position,
                eventId);
    }

    private static AttendanceDayCount none() {
        return AttendanceDayCount.none(INSTITUTION.value(), DAY);
    }

    @Test
    void aDaysFirstRecordsCountEveryChildOnceAndThePresentOnesAsAttended() {
        AttendanceDayCount count = none().apply(recorded(10, "e1"));
        assertThat(count.recorded()).isEqualTo(3);
        assertThat(count.attended()).isEqualTo(2);
        assertThat(count.lastPosition()).isEqualTo(10);
        assertThat(count.lastEventIds()).containsExactly("e1");
    }

    @Test
    void aCorrectionFromAbsentToPresentAddsAnAttendedDayButNoRecordedOne() {
        AttendanceDayCount count = none().apply(recorded(10, "e1")).apply(corrected(absent(CY), present(CY), 11, "e2"));
        assertThat(count.recorded()).isEqualTo(3);
        assertThat(count.attended()).isEqualTo(3);
    }

    @Test
    void aCorrectionFromPresentToAbsentRemovesAnAttendedDay() {
        AttendanceDayCount count = none().apply(recorded(10, "e1")).apply(corrected(present(ANN), absent(ANN), 11, "e2"));
        assertThat(count.attended()).isEqualTo(1);
    }

    @Test
    void aCorrectionOfTheTimesOnlyChangesNoCount() {
        AttendanceEntry later = new AttendanceEntry(ANN, LocalTime.of(9, 0), LocalTime.of(17, 0), null);
        AttendanceDayCount count = none().apply(recorded(10, "e1")).apply(corrected(present(ANN), later, 11, "e2"));
        assertThat(count.recorded()).isEqualTo(3);
        assertThat(count.attended()).isEqualTo(2);
        assertThat(count.lastPosition()).isEqualTo(11);
    }

    @Test
    void aRedeliveredEventChangesNothing() {
        AttendanceDayCount once = none().apply(recorded(10, "e1")).apply(corrected(absent(CY), present(CY), 11, "e2"));
        assertThat(once.apply(recorded(10, "e1"))).isSameAs(once);
        assertThat(once.apply(corrected(absent(CY), present(CY), 11, "e2"))).isSameAs(once);
    }

    @Test
    void twoEventsAtTheSamePositionAreBothCountedOnce() {
        // a transaction that filled a gap: its events carry the highest position seen, like the event before them
        AttendanceDayCount count = none().apply(recorded(10, "e1"))
                .apply(corrected(absent(CY), present(CY), 10, "e2"));
        assertThat(count.attended()).isEqualTo(3);
        assertThat(count.lastEventIds()).containsExactlyInAnyOrder("e1", "e2");
        assertThat(count.apply(corrected(absent(CY), present(CY), 10, "e2"))).isSameAs(count);
        assertThat(count.apply(recorded(10, "e1"))).isSameAs(count);
    }

    @Test
    void aLaterPositionForgetsTheIdsOfTheEarlierOne() {
        AttendanceDayCount count = none().apply(recorded(10, "e1")).apply(corrected(absent(CY), present(CY), 12, "e2"));
        assertThat(count.lastEventIds()).containsExactly("e2");
    }
}
