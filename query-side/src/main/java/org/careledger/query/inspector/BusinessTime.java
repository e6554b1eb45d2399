package org.careledger.query.inspector;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

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

/**
 * When a fact took effect in the world ("business time"), as opposed to when the system learnt of
 * it (recorded time, the event's timestamp). Dated facts take effect at the start of their day in
 * China Standard Time; an ending takes effect the day after the last day; other events took effect
 * when they occurred. Used by the "as we now know it was" reading (docs/inspector.md).
 */
public final class BusinessTime {

    static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private BusinessTime() {
    }

    public static Instant of(Object event, Instant recordedAt) {
        LocalDate day = effectiveDay(event);
        if (day != null) {
            return day.atStartOfDay(CHINA).toInstant();
        }
        if (event instanceof LicenceStatusChanged e && e.effectiveAt() != null) {
            return e.effectiveAt();
        }
        if (event instanceof InstitutionEvent e && e.occurredAt() != null) {
            return e.occurredAt();
        }
        return recordedAt;
    }

    private static LocalDate effectiveDay(Object event) {
        if (event instanceof ChildEnrolled e) {
            return e.contract().startsOn();
        }
        if (event instanceof ChildTransferred e) {
            return e.effectiveOn();
        }
        if (event instanceof EnrolmentEnded e) {
            return e.endsOn().plusDays(1);
        }
        if (event instanceof PuhuiStatusGranted e) {
            return e.effectiveFrom();
        }
        if (event instanceof PuhuiStatusWithdrawn e) {
            return e.effectiveFrom();
        }
        if (event instanceof HealthCheckRecorded e) {
            return e.checkedOn();
        }
        if (event instanceof StaffMemberLeft e) {
            return e.leftOn().plusDays(1);
        }
        if (event instanceof MedicalAgreementSigned e) {
            return e.signedOn();
        }
        if (event instanceof InspectionRecorded e) {
            return e.inspectedOn();
        }
        if (event instanceof RectificationVerified e) {
            return e.verifiedOn();
        }
        if (event instanceof AttendanceRecorded e) {
            return e.day();
        }
        if (event instanceof AttendanceCorrected e) {
            return e.day();
        }
        return null;
    }
}
