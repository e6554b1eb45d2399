package org.careledger.query.inspector;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;

import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.child.HealthCheckRecorded;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.filing.PuhuiStatusWithdrawn;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.RectificationVerified;
import org.careledger.kernel.licence.LicenceStatusChanged;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.value.InputRules;

/**
 * When a fact took effect in the world ("business time"), as opposed to when the system learnt of
 * it (recorded time, the event's timestamp). Dated facts take effect at the start of their day in
 * China Standard Time; an ending takes effect the day after the last day; other events took effect
 * when they occurred. Used by the "as we now know it was" reading (docs/inspector.md).
 */
public final class BusinessTime {

    private BusinessTime() {
    }

    public static Instant of(Object event, Instant recordedAt) {
        LocalDate day = effectiveDay(event);
        if (day != null) {
            return day.atStartOfDay(InputRules.ZONE).toInstant();
        }
        if (event instanceof LicenceStatusChanged e && e.effectiveAt() != null) {
            return e.effectiveAt();
        }
        if (event instanceof InstitutionEvent e && e.occurredAt() != null) {
            return e.occurredAt();
        }
        return recordedAt;
    }

    /** The facts dated in the world, each with the day it takes effect (an ending: the day after its last day). */
    private static final List<DatedFact<?>> DATED_FACTS = List.of(
            new DatedFact<>(ChildEnrolled.class, e -> e.contract().startsOn()),
            new DatedFact<>(ChildTransferred.class, ChildTransferred::effectiveOn),
            new DatedFact<>(EnrolmentEnded.class, e -> e.endsOn().plusDays(1)),
            new DatedFact<>(PuhuiStatusGranted.class, PuhuiStatusGranted::effectiveFrom),
            new DatedFact<>(PuhuiStatusWithdrawn.class, PuhuiStatusWithdrawn::effectiveFrom),
            new DatedFact<>(HealthCheckRecorded.class, HealthCheckRecorded::checkedOn),
            new DatedFact<>(StaffMemberLeft.class, e -> e.leftOn().plusDays(1)),
            new DatedFact<>(MedicalAgreementSigned.class, MedicalAgreementSigned::signedOn),
            new DatedFact<>(InspectionRecorded.class, InspectionRecorded::inspectedOn),
            new DatedFact<>(RectificationVerified.class, RectificationVerified::verifiedOn),
            new DatedFact<>(AttendanceRecorded.class, AttendanceRecorded::day),
            new DatedFact<>(AttendanceCorrected.class, AttendanceCorrected::day));

    private record DatedFact<E>(Class<E> type, Function<E, LocalDate> effectiveDay) {

        LocalDate effectiveDayOf(Object event) {
            return effectiveDay.apply(type.cast(event));
        }
    }

    /** The day a dated fact takes effect, or null (not a dated fact, or no date given). */
    private static LocalDate effectiveDay(Object event) {
        for (DatedFact<?> fact : DATED_FACTS) {
            if (fact.type().isInstance(event)) {
                return fact.effectiveDayOf(event);
            }
        }
        return null;
    }
}
