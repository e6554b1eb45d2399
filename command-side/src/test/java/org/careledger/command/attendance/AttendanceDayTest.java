package org.careledger.command.attendance;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.command.enrolment.ChildDirectory;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.command.enrolment.EnrolmentRegistry;
import org.careledger.kernel.attendance.AbsenceReason;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.attendance.AttendanceCorrected;
import org.careledger.kernel.attendance.AttendanceEntry;
import org.careledger.kernel.attendance.AttendanceOutcome;
import org.careledger.kernel.attendance.AttendanceRecorded;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given/when/then for a day's attendance (issue 3, part 3); today is 2026-03-10 in China. */
class AttendanceDayTest {

    static final Instant NOW = Instant.parse("2026-03-10T09:00:00Z");
    static final InstitutionId ID = new InstitutionId("6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11");
    static final Caller OPERATOR = new Caller("op-1", Role.OPERATOR, ID, null);
    static final Caller OTHER = new Caller("op-2", Role.OPERATOR, new InstitutionId("11111111-2222-4333-8444-555555555555"), null);
    static final ChildRef A = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b01");
    static final ChildRef B = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b02");
    static final ChildRef STRANGER = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b03");
    static final LocalDate DAY = LocalDate.of(2026, 3, 9);
    static final String DAY_ID = SubmitAttendance.dayId(ID, DAY);

    private AggregateTestFixture<AttendanceDay> fixture;
    private final List<EnrolmentRegistry.Enrolment> enrolments = new ArrayList<>();
    private final java.util.Map<ChildRef, LocalDate> lastPresent = new java.util.HashMap<>();
    private LocalDate returnCheckOfA;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(AttendanceDay.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        fixture.registerInjectableResource(new InstitutionDirectory() {
            @Override
            public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<DivisionCode> divisionOf(InstitutionId institutionId) {
                return ID.equals(institutionId) ? Optional.of(DivisionCode.parse("370830")) : Optional.empty();
            }
        });
        lastPresent.clear();
        returnCheckOfA = null;
        fixture.registerInjectableResource((ChildDirectory) child -> new ChildDirectory.ChildFacts(YearMonth.of(2025, 1),
                false, LocalDate.of(2025, 6, 1), HealthOutcome.NORMAL, child.equals(A) ? returnCheckOfA : null));
        enrolments.clear();
        enrolments.add(enrolment(A, LocalDate.of(2026, 3, 2), LocalDate.of(2027, 2, 28)));
        enrolments.add(enrolment(B, LocalDate.of(2026, 3, 2), LocalDate.of(2027, 2, 28)));
        fixture.registerInjectableResource(new EnrolmentRegistry() {
            @Override
            public Optional<Enrolment> claim(Enrolment enrolment) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void end(EnrolmentId enrolmentId, LocalDate endsOn, EnrolmentEndReason reason) {
                throw new UnsupportedOperationException();
            }

            @Override
            public void moveTo(EnrolmentId enrolmentId, ClassId classId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Occupancy lockPlaces(InstitutionId institution, ClassId classId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<InstitutionId> institutionOf(EnrolmentId enrolmentId) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<EnrolmentId> enrolmentsOf(InstitutionId institution) {
                throw new UnsupportedOperationException();
            }

            @Override
            public List<Enrolment> coveringDay(InstitutionId institution, LocalDate day) {
                return enrolments.stream().filter(e -> e.institutionId().equals(institution)
                        && !e.startsOn().isAfter(day) && !e.endsOn().isBefore(day)).toList();
            }

            @Override
            public java.util.Map<ChildRef, LocalDate> lastPresentDays(java.util.Collection<ChildRef> children) {
                java.util.Map<ChildRef, LocalDate> days = new java.util.HashMap<>();
                children.stream().filter(lastPresent::containsKey).forEach(c -> days.put(c, lastPresent.get(c)));
                return days;
            }

            @Override
            public void recordPresence(java.util.Collection<ChildRef> children, LocalDate day) {
                children.forEach(c -> lastPresent.merge(c, day, (x, y) -> x.isAfter(y) ? x : y));
            }

            @Override
            public boolean everEnrolled(InstitutionId institution, ChildRef child) {
                return enrolments.stream().anyMatch(e -> e.childRef().equals(child));
            }

            @Override
            public List<Enrolment> dueToEnd(LocalDate today, int limit) {
                return List.of();
            }
        });
    }

    static EnrolmentRegistry.Enrolment enrolment(ChildRef child, LocalDate from, LocalDate to) {
        return new EnrolmentRegistry.Enrolment(UuidId.generate(EnrolmentId::new), child, ID, UuidId.generate(ClassId::new), YearMonth.of(2025, 1),
                from, to, true);
    }

    static AttendanceEntry present(ChildRef child, String in, String out) {
        return new AttendanceEntry(child, LocalTime.parse(in), LocalTime.parse(out), null);
    }

    static SubmitAttendance submit(LocalDate day, String reason, AttendanceEntry... entries) {
        return new SubmitAttendance(SubmitAttendance.dayId(ID, day), ID, day, List.of(entries), reason);
    }

    static MetaData as(Caller caller) {
        return MetaData.from(caller.toMetaData());
    }

    static BaseMatcher<Throwable> refused(ErrorCode code, String... violationCodes) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof DomainException d && d.code() == code
                        && d.violations().stream().map(v -> v.code()).toList().equals(List.of(violationCodes));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code + " with " + List.of(violationCodes));
            }
        };
    }

    @Test
    void aDaysBatchRecordsEveryEnrolledChildOnce() {
        AttendanceEntry a = present(A, "08:05", "17:10");
        AttendanceEntry b = new AttendanceEntry(B, null, null, AbsenceReason.ILLNESS);
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, a, b), as(OPERATOR))
                .expectEvents(new AttendanceRecorded(ID, DAY, List.of(a, b), NOW))
                .expectResultMessagePayload(new AttendanceOutcome(DAY_ID, 2, 0, 0));
    }

    @Test
    void resubmittingTheSameRecordsWritesNothing() {
        AttendanceEntry a = present(A, "08:05", "17:10");
        fixture.given(new AttendanceRecorded(ID, DAY, List.of(a), NOW))
                .when(submit(DAY, null, a), as(OPERATOR))
                .expectNoEvents()
                .expectResultMessagePayload(new AttendanceOutcome(DAY_ID, 0, 0, 1));
    }

    @Test
    void aChangedRecordIsAnExplicitCorrectionWithItsReason() {
        AttendanceEntry before = present(A, "08:05", "17:10");
        AttendanceEntry after = present(A, "08:05", "16:30");
        fixture.given(new AttendanceRecorded(ID, DAY, List.of(before), NOW))
                .when(submit(DAY, null, after), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_CORRECTION_NEEDS_REASON));
        fixture.given(new AttendanceRecorded(ID, DAY, List.of(before), NOW))
                .when(submit(DAY, "check-out scanned late", after, present(B, "09:00", "12:00")), as(OPERATOR))
                .expectEvents(new AttendanceRecorded(ID, DAY, List.of(present(B, "09:00", "12:00")), NOW),
                        new AttendanceCorrected(ID, DAY, before, after, "check-out scanned late", NOW))
                .expectResultMessagePayload(new AttendanceOutcome(DAY_ID, 1, 1, 0));
    }

    @Test
    void futureDaysAreRefused() {
        fixture.givenNoPriorActivity()
                .when(submit(LocalDate.of(2026, 3, 11), null, present(A, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_DAY_IN_FUTURE));
    }

    @Test
    void childrenNotEnrolledThatDayAreRefusedAndNothingOfTheBatchIsWritten() {
        enrolments.add(enrolment(STRANGER, LocalDate.of(2026, 4, 1), LocalDate.of(2026, 12, 31)));
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00"), present(STRANGER, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "OUTSIDE_CONTRACT"));
        ChildRef unknown = UuidId.generate(ChildRef::new);
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(unknown, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "NOT_ENROLLED"));
    }

    @Test
    void daysOutsideTheContractAreRefused() {
        lastPresent.clear();
        returnCheckOfA = null;
        fixture.registerInjectableResource((ChildDirectory) child -> new ChildDirectory.ChildFacts(YearMonth.of(2025, 1),
                false, LocalDate.of(2025, 6, 1), HealthOutcome.NORMAL, child.equals(A) ? returnCheckOfA : null));
        enrolments.clear();
        enrolments.add(enrolment(A, LocalDate.of(2025, 9, 1), LocalDate.of(2026, 2, 28)));
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "OUTSIDE_CONTRACT"));
    }

    @Test
    void checkOutBeforeCheckInAndSessionsOverTwelveHoursAreRefused() {
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "17:00", "08:00"), present(B, "06:00", "18:30")), as(OPERATOR))
                .expectNoEvents()
                .expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "CHECK_OUT_BEFORE_CHECK_IN", "SESSION_TOO_LONG"));
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(B, "06:00", "18:00")), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void absencesCarryAReasonAndNoTimesAndEachChildAppearsOnce() {
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, new AttendanceEntry(A, LocalTime.of(8, 0), null, AbsenceReason.FAMILY),
                        present(B, "08:00", "17:00"), present(B, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "ABSENT_WITH_TIMES", "DUPLICATE"));
    }

    @Test
    void onlyTheInstitutionItselfSubmitsItsAttendance() {
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00")), as(OTHER))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_IN_JURISDICTION));
    }

    @Test
    void aChildBackAfterMoreThanThreeMonthsAwayNeedsAReCheckFirst() {
        enrolments.clear();
        enrolments.add(enrolment(A, LocalDate.of(2025, 6, 2), LocalDate.of(2027, 2, 28)));
        lastPresent.put(A, LocalDate.of(2025, 11, 28));
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00")), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.ATTENDANCE_REJECTED, "RETURN_CHECK_REQUIRED"));
        // absent children need no check; a re-check after the last day present lets the child back
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, new AttendanceEntry(A, null, null, AbsenceReason.ILLNESS)), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        returnCheckOfA = LocalDate.of(2026, 3, 5);
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00")), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        lastPresent.put(A, LocalDate.of(2025, 12, 10));
        returnCheckOfA = null;
        fixture.givenNoPriorActivity()
                .when(submit(DAY, null, present(A, "08:00", "17:00")), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }
}
