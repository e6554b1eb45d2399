package org.careledger.command.attendance;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;
import org.axonframework.spring.stereotype.Aggregate;
import org.careledger.command.enrolment.ChildDirectory;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.command.enrolment.EnrolmentRegistry;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceOutcome;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.InputRules;
import org.careledger.kernel.stereotype.AggregateRoot;
import org.careledger.command.InstitutionMetaData;
import org.careledger.command.SnapshotFields;

/**
 * One institution's attendance on one day (ADR 0013): the stream is bounded by the children
 * enrolled that day, however long the institution operates. A batch records new children's
 * records; a record already known unchanged is ignored (resubmission writes nothing); a changed
 * record is an explicit correction with its before, after and reason, never a silent overwrite.
 */
@AggregateRoot
@Aggregate
@SnapshotFields
class AttendanceDay {

    /** Longest session a child may spend in care in a day. */
    static final Duration LONGEST_SESSION = Duration.ofHours(12);
    /** An absence longer than this needs a health re-check before the child returns. */
    static final java.time.Period LONGEST_ABSENCE = java.time.Period.ofMonths(3);
    @AggregateIdentifier
    private String attendanceDayId;
    private InstitutionId institutionId;
    private Map<String, AttendanceEntry> records = new HashMap<>();

    protected AttendanceDay() {
    }

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    AttendanceOutcome handle(SubmitAttendance command, MetaData metaData, Clock clock, InstitutionDirectory institutions,
                             EnrolmentRegistry enrolments, ChildDirectory children) {
        if (command.institutionId() == null || command.day() == null
                || !command.attendanceDayId().equals(SubmitAttendance.dayId(command.institutionId(), command.day()))) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "institution and day must match the attendance day");
        }
        DivisionCode division = institutions.requireDivisionOf(command.institutionId());
        Caller.fromMetaData(metaData).requireRole(Role.OPERATOR, Role.ADMIN).requireAccess(command.institutionId(), division);
        LocalDate today = LocalDate.now(clock.withZone(InputRules.ZONE));
        if (command.day().isAfter(today)) {
            throw new DomainException(ErrorCode.ATTENDANCE_DAY_IN_FUTURE,
                    "Attendance for " + command.day() + " cannot be recorded before that day (today is " + today + ")");
        }
        if (command.entries().isEmpty()) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "entries needs at least one child's record");
        }
        validate(command, enrolments, children);

        List<AttendanceEntry> fresh = new ArrayList<>();
        Map<AttendanceEntry, AttendanceEntry> changed = new LinkedHashMap<>();
        int unchanged = 0;
        for (AttendanceEntry entry : command.entries()) {
            AttendanceEntry known = records.get(entry.childRef().value());
            if (known == null) {
                fresh.add(entry);
            } else if (known.equals(entry)) {
                unchanged++;
            } else {
                changed.put(known, entry);
            }
        }
        if (!changed.isEmpty() && (command.correctionReason() == null || command.correctionReason().isBlank())) {
            throw new DomainException(ErrorCode.ATTENDANCE_CORRECTION_NEEDS_REASON, changed.size()
                    + " record(s) differ from those already submitted for " + command.day()
                    + "; resubmit with a correctionReason to correct them");
        }
        MetaData meta = InstitutionMetaData.of(command.institutionId(), division);
        List<org.careledger.kernel.id.ChildRef> present = command.entries().stream().filter(AttendanceEntry::present)
                .map(AttendanceEntry::childRef).toList();
        if (!present.isEmpty()) {
            enrolments.recordPresence(present, command.day());
        }
        if (!fresh.isEmpty()) {
            apply(new AttendanceRecorded(command.institutionId(), command.day(), fresh, clock.instant()), meta);
        }
        for (Map.Entry<AttendanceEntry, AttendanceEntry> c : changed.entrySet()) {
            apply(new AttendanceCorrected(command.institutionId(), command.day(), c.getKey(), c.getValue(),
                    command.correctionReason().strip(), clock.instant()), meta);
        }
        return new AttendanceOutcome(command.attendanceDayId(), fresh.size(), changed.size(), unchanged);
    }

    /**
     * The named attendance rules; every broken record is reported at once and nothing is written:
     * the child is enrolled here that day (within its contract), one record per child, present
     * children check in and out with check-out after check-in and at most 12 hours in care, absent
     * children carry a reason and no times.
     */
    private static void validate(SubmitAttendance command, EnrolmentRegistry enrolments, ChildDirectory children) {
        Set<String> enrolledThatDay = new HashSet<>();
        enrolments.coveringDay(command.institutionId(), command.day())
                .forEach(e -> enrolledThatDay.add(e.childRef().value()));
        Violations v = new Violations();
        Set<String> seen = new HashSet<>();
        Map<org.careledger.kernel.id.ChildRef, LocalDate> lastPresent = enrolments.lastPresentDays(command.entries().stream()
                .filter(e -> e != null && e.childRef() != null && e.present()).map(AttendanceEntry::childRef).toList());
        for (int i = 0; i < command.entries().size(); i++) {
            AttendanceEntry e = command.entries().get(i);
            String f = "entries[" + i + "]";
            if (e == null || e.childRef() == null) {
                v.add(f + ".childRef", "REQUIRED", "childRef is required");
                continue;
            }
            if (!seen.add(e.childRef().value())) {
                v.add(f + ".childRef", "DUPLICATE", "the child appears twice in this batch");
            }
            if (!enrolledThatDay.contains(e.childRef().value())) {
                boolean known = enrolments.everEnrolled(command.institutionId(), e.childRef());
                v.add(f + ".childRef", known ? "OUTSIDE_CONTRACT" : "NOT_ENROLLED", known
                        ? "the child's enrolment here does not cover " + command.day()
                        : "the child is not enrolled in this institution");
            }
            if (e.present()) {
                returnCheckAfterLongAbsence(v, f, e, command.day(), lastPresent.get(e.childRef()), children);
                if (e.checkIn() == null || e.checkOut() == null) {
                    v.add(f, "CHECK_IN_AND_OUT_REQUIRED", "a present child needs checkIn and checkOut (or an absence reason)");
                } else if (!e.checkOut().isAfter(e.checkIn())) {
                    v.add(f + ".checkOut", "CHECK_OUT_BEFORE_CHECK_IN", "checkOut must be after checkIn");
                } else if (Duration.between(e.checkIn(), e.checkOut()).compareTo(LONGEST_SESSION) > 0) {
                    v.add(f + ".checkOut", "SESSION_TOO_LONG", "a session may last at most 12 hours");
                }
            } else if (e.checkIn() != null || e.checkOut() != null) {
                v.add(f, "ABSENT_WITH_TIMES", "an absent child has no check-in or check-out");
            }
        }
        if (!v.isEmpty()) {
            throw new DomainException(ErrorCode.ATTENDANCE_REJECTED, v.list().size() + " attendance record(s) are refused",
                    v.list());
        }
    }

    /**
     * A child back after more than 3 months away is re-checked before returning
     * (《托育机构管理规范（试行）》, 2019): a RETURN_AFTER_ABSENCE check dated after the last day
     * present. The child's record is read only when the gap is that long.
     */
    private static void returnCheckAfterLongAbsence(Violations v, String field, AttendanceEntry e, LocalDate day,
                                                    LocalDate last, ChildDirectory children) {
        if (last == null || !day.isAfter(last.plus(LONGEST_ABSENCE))) {
            return;
        }
        LocalDate check = children.facts(e.childRef()).returnCheckOn();
        if (check == null || !check.isAfter(last) || check.isAfter(day)) {
            v.add(field, "RETURN_CHECK_REQUIRED", "the child was last present on " + last
                    + "; after more than 3 months away a health re-check is required before returning");
        }
    }

    @EventSourcingHandler
    void on(AttendanceRecorded event) {
        attendanceDayId = SubmitAttendance.dayId(event.institutionId(), event.day());
        institutionId = event.institutionId();
        event.entries().forEach(e -> records.put(e.childRef().value(), e));
    }

    @EventSourcingHandler
    void on(AttendanceCorrected event) {
        records.put(event.after().childRef().value(), event.after());
    }
}
