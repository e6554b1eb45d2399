package org.careledger.query.institution;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;

import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthCheckRecorded;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.DoubleEnrolmentAttempted;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.ClassResized;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.junit.jupiter.api.Test;

/** Occupancy, vacancies and the supervision alerts folded from care events (issue 3, part 5). */
class CareViewTest {

    static final InstitutionId ID = UuidId.generate(InstitutionId::new);
    static final ClassId INFANTS = UuidId.generate(ClassId::new);
    static final ClassId TODDLERS = UuidId.generate(ClassId::new);
    static final Instant T = Instant.parse("2026-03-02T01:00:00Z");
    static final LocalDate TODAY = LocalDate.of(2026, 3, 10);

    static FilingSubmitted submitted() {
        return new FilingSubmitted(ID, CreditCode.parse("91370830MA3N000021"), true, "甲托育中心",
                InstitutionType.CHILDCARE_CENTRE, DivisionCode.parse("370830"), "地址", new GeoPoint(35.7, 116.5), "0537",
                true, Set.of(ServiceType.FULL_DAY), List.of(), List.of(), T);
    }

    static ChildEnrolled enrolled(EnrolmentId id, ChildRef child, ClassId classId, YearMonth born) {
        return new ChildEnrolled(ID, id, child, classId, ClassType.INFANT, born, new ServiceContract(ServiceType.FULL_DAY,
                LocalDate.of(2026, 3, 2), LocalDate.of(2027, 2, 28), List.of(), "r", "d", 1), T);
    }

    static HealthCheckRecorded check(ChildRef child, HealthCheckKind kind, LocalDate on, HealthOutcome outcome) {
        return new HealthCheckRecorded(child, ID, kind, on, outcome, T);
    }

    static InstitutionView fold(Object... events) {
        InstitutionView v = null;
        long position = 1;
        for (Object e : events) {
            v = InstitutionViewReducer.apply(v, e, position++);
        }
        return v;
    }

    static List<String> alertTypes(InstitutionView v, LocalDate day) {
        return v.care().alerts(v.classes(), day).stream().map(CareRecord.Alert::type).toList();
    }

    @Test
    void enrolmentsFillPlacesAndWithdrawalsFreeThem() {
        ChildRef a = UuidId.generate(ChildRef::new);
        ChildRef b = UuidId.generate(ChildRef::new);
        EnrolmentId ea = UuidId.generate(EnrolmentId::new);
        InstitutionView v = fold(submitted(), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T),
                new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, T),
                enrolled(ea, a, INFANTS, YearMonth.of(2025, 6)), enrolled(UuidId.generate(EnrolmentId::new), b, INFANTS,
                        YearMonth.of(2025, 6)));
        assertThat(v.vacancies(INFANTS.value())).isEqualTo(8);
        assertThat(v.totalVacancies()).isEqualTo(23);
        v = InstitutionViewReducer.apply(v, new ChildTransferred(ID, ea, a, INFANTS, TODDLERS, ClassType.YOUNG_TODDLER,
                LocalDate.of(2026, 6, 1), T), 10);
        assertThat(v.care().enrolledIn(TODDLERS.value())).isEqualTo(1);
        v = InstitutionViewReducer.apply(v, new EnrolmentEnded(ID, ea, a, TODDLERS, EnrolmentEndReason.WITHDRAWN,
                LocalDate.of(2026, 7, 1), null, T), 11);
        assertThat(v.care().enrolled()).isEqualTo(1);
        assertThat(v.totalVacancies()).isEqualTo(24);
    }

    @Test
    void overCapacityAndStaffRatioBreachesAreAlerts() {
        ChildRef a = UuidId.generate(ChildRef::new);
        InstitutionView v = fold(submitted(), new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T));
        long position = 10;
        for (int i = 0; i < 4; i++) {
            ChildRef c = i == 0 ? a : UuidId.generate(ChildRef::new);
            v = InstitutionViewReducer.apply(v, enrolled(UuidId.generate(EnrolmentId::new), c, INFANTS, YearMonth.of(2025, 6)), position++);
            v = InstitutionViewReducer.apply(v, check(c, HealthCheckKind.ENTRY, LocalDate.of(2026, 2, 20),
                    HealthOutcome.NORMAL), position++);
        }
        StaffRef carer = UuidId.generate(StaffRef::new);
        v = InstitutionViewReducer.apply(v, new StaffMemberRegistered(ID, carer, StaffRole.CARER, INFANTS, "保育师",
                LocalDate.of(2028, 1, 1), LocalDate.of(2027, 1, 1), T), position++);
        // four infants, one carer: 1:3 is not met
        assertThat(alertTypes(v, TODAY)).containsExactly("STAFF_RATIO_BREACH");
        v = InstitutionViewReducer.apply(v, new StaffMemberRegistered(ID, UuidId.generate(StaffRef::new), StaffRole.CARER, INFANTS,
                "保育师", LocalDate.of(2028, 1, 1), LocalDate.of(2027, 1, 1), T), position++);
        assertThat(alertTypes(v, TODAY)).isEmpty();
        v = InstitutionViewReducer.apply(v, new ClassResized(ID, INFANTS, 3, 10, T), position++);
        assertThat(alertTypes(v, TODAY)).containsExactly("OVER_CAPACITY");
        assertThat(v.vacancies(INFANTS.value())).isZero();
    }

    @Test
    void childrenWithoutAValidEntryCheckAndOverduePeriodicChecksAreAlerts() {
        ChildRef unchecked = UuidId.generate(ChildRef::new);
        ChildRef toddler = UuidId.generate(ChildRef::new);
        InstitutionView v = fold(submitted(), new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, T),
                enrolled(UuidId.generate(EnrolmentId::new), unchecked, TODDLERS, YearMonth.of(2024, 10)),
                check(toddler, HealthCheckKind.ENTRY, LocalDate.of(2026, 2, 1), HealthOutcome.NORMAL),
                enrolled(UuidId.generate(EnrolmentId::new), toddler, TODDLERS, YearMonth.of(2024, 10)),
                new StaffMemberRegistered(ID, UuidId.generate(StaffRef::new), StaffRole.CARER, TODDLERS, "保育师",
                        LocalDate.of(2028, 1, 1), LocalDate.of(2027, 1, 1), T));
        assertThat(alertTypes(v, TODAY)).containsExactly("MISSING_ENTRY_CHECK");
        // six months after the last check, a child of 1-3 years is due again
        assertThat(alertTypes(v, LocalDate.of(2026, 8, 2))).containsExactly("MISSING_ENTRY_CHECK", "PERIODIC_CHECK_OVERDUE");
        v = InstitutionViewReducer.apply(v, check(toddler, HealthCheckKind.PERIODIC, LocalDate.of(2026, 7, 30),
                HealthOutcome.NORMAL), 20);
        assertThat(alertTypes(v, LocalDate.of(2026, 8, 2))).containsExactly("MISSING_ENTRY_CHECK");
    }

    @Test
    void doubleEnrolmentAttemptsAndExpiredStaffCertificatesAreAlerts() {
        StaffRef nurse = UuidId.generate(StaffRef::new);
        InstitutionView v = fold(submitted(),
                new DoubleEnrolmentAttempted(ID, UuidId.generate(EnrolmentId::new), UuidId.generate(ChildRef::new), UuidId.generate(InstitutionId::new),
                        UuidId.generate(EnrolmentId::new), T),
                new StaffMemberRegistered(ID, nurse, StaffRole.HEALTH_STAFF, null, "护士执业证书",
                        LocalDate.of(2026, 3, 1), LocalDate.of(2027, 1, 1), T));
        assertThat(alertTypes(v, TODAY)).containsExactly("DOUBLE_ENROLMENT_ATTEMPT", "STAFF_CERTIFICATE_EXPIRED");
        v = InstitutionViewReducer.apply(v, new StaffCertificatesRenewed(ID, nurse, LocalDate.of(2031, 3, 1),
                LocalDate.of(2027, 1, 1), T), 10);
        assertThat(alertTypes(v, TODAY)).containsExactly("DOUBLE_ENROLMENT_ATTEMPT");
        v = InstitutionViewReducer.apply(v, new StaffMemberLeft(ID, nurse, TODAY, T), 11);
        assertThat(v.care().staff()).isEmpty();
    }

    @Test
    void theMedicalAgreementPartnerIsKept() {
        InstitutionView v = fold(submitted(), new MedicalAgreementSigned(ID, "汶上县妇幼保健院", null,
                LocalDate.of(2026, 1, 1), null, T));
        assertThat(v.care().medicalAgreement().partnerName()).isEqualTo("汶上县妇幼保健院");
    }

    @Test
    void aFamilyCarePointsCarerLooksAfterAtMostThreeChildren() {
        InstitutionView v = fold(submitted(), new ClassOpened(ID, TODDLERS, "混龄组", ClassType.MIXED, 5, T),
                new StaffMemberRegistered(ID, UuidId.generate(StaffRef::new), StaffRole.CARER, TODDLERS, "保育师",
                        LocalDate.of(2028, 1, 1), LocalDate.of(2027, 1, 1), T));
        long position = 10;
        for (int i = 0; i < 4; i++) {
            ChildRef c = UuidId.generate(ChildRef::new);
            v = InstitutionViewReducer.apply(v, enrolled(UuidId.generate(EnrolmentId::new), c, TODDLERS, YearMonth.of(2024, 6)), position++);
            v = InstitutionViewReducer.apply(v, check(c, HealthCheckKind.ENTRY, LocalDate.of(2026, 2, 20),
                    HealthOutcome.NORMAL), position++);
        }
        assertThat(v.care().alerts(v.classes(), InstitutionType.FAMILY_CARE_POINT, TODAY)).extracting(CareRecord.Alert::type)
                .containsExactly("STAFF_RATIO_BREACH");
        // a childcare centre's mixed class has no national ratio
        assertThat(v.care().alerts(v.classes(), InstitutionType.CHILDCARE_CENTRE, TODAY)).isEmpty();
    }

    @Test
    void anOrderPastItsDeadlineIsOverdueUntilAFollowUpFindsItRectified() {
        var inspected = new org.careledger.kernel.inspection.InspectionRecorded(ID, "i-1",
                org.careledger.kernel.inspection.InspectionType.COMPREHENSIVE_PATROL, Set.of(), LocalDate.of(2026, 2, 1),
                List.of(new org.careledger.kernel.inspection.Finding(org.careledger.kernel.inspection.FindingCategory.PREMISES,
                        org.careledger.kernel.inspection.FindingSeverity.MAJOR, "围栏破损")),
                List.of(new org.careledger.kernel.inspection.RectificationOrder("R1", 0, "修复围栏", LocalDate.of(2026, 3, 1))),
                org.careledger.kernel.inspection.InspectionOutcome.RECTIFICATION_REQUIRED, T);
        InstitutionView v = fold(submitted(), inspected);
        assertThat(v.oversight().alerts(LocalDate.of(2026, 3, 1))).isEmpty();
        assertThat(v.oversight().alerts(LocalDate.of(2026, 3, 2))).extracting(CareRecord.Alert::type)
                .containsExactly("RECTIFICATION_OVERDUE");
        v = InstitutionViewReducer.apply(v, new org.careledger.kernel.inspection.RectificationVerified(ID, "i-1", "R1", false,
                LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 20), null, T), 10);
        assertThat(v.oversight().alerts(LocalDate.of(2026, 3, 10))).isEmpty();
        v = InstitutionViewReducer.apply(v, new org.careledger.kernel.inspection.RectificationVerified(ID, "i-1", "R1", true,
                LocalDate.of(2026, 3, 18), null, null, T), 11);
        assertThat(v.oversight().openOrders()).isEmpty();
        assertThat(v.oversight().alerts(LocalDate.of(2026, 4, 1))).isEmpty();
    }

    @Test
    void eventsOfATransactionThatFilledAGapShareATokenPositionAndAreAllAppliedOnce() {
        // a tracking token reports the highest index seen: a filing committed behind a later
        // transaction arrives with every event at that same position
        ClassId toddlers = UuidId.generate(ClassId::new);
        InstitutionView v = InstitutionViewReducer.apply(null, submitted(), 152, "e-1");
        v = InstitutionViewReducer.apply(v, new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 10, T), 152, "e-2");
        v = InstitutionViewReducer.apply(v, new ClassOpened(ID, toddlers, "托小班", ClassType.YOUNG_TODDLER, 15, T), 152, "e-3");
        assertThat(v.classes()).containsOnlyKeys(INFANTS.value(), toddlers.value());
        assertThat(v.lastEventIds()).containsExactlyInAnyOrder("e-1", "e-2", "e-3");
        // redelivered after a restart: nothing changes
        InstitutionView again = InstitutionViewReducer.apply(v, new ClassOpened(ID, toddlers, "托小班", ClassType.YOUNG_TODDLER,
                99, T), 152, "e-3");
        assertThat(again).isSameAs(v);
        // an earlier position, and an unknown id at the same position without an id, change nothing either
        assertThat(InstitutionViewReducer.apply(v, new ClassResized(ID, INFANTS, 3, 10, T), 151, "e-0")).isSameAs(v);
        assertThat(InstitutionViewReducer.apply(v, new ClassResized(ID, INFANTS, 3, 10, T), 152)).isSameAs(v);
        // the next position starts a new set
        v = InstitutionViewReducer.apply(v, new ClassResized(ID, INFANTS, 8, 10, T), 153, "e-4");
        assertThat(v.lastEventIds()).containsExactly("e-4");
        assertThat(v.classes().get(INFANTS.value()).places()).isEqualTo(8);
    }

    @Test
    void anUpcomingAgeOutShowsFromThirtyDaysBeforeTheThirdBirthday() {
        ChildRef child = UuidId.generate(ChildRef::new);
        EnrolmentId enrolment = UuidId.generate(EnrolmentId::new);
        // born 2024-04-20: reaches 36 months on 2027-04-20, in care until 2027-04-19
        InstitutionView v = fold(submitted(), new ClassOpened(ID, TODDLERS, "托大班", ClassType.OLDER_TODDLER, 20, T),
                new ChildEnrolled(ID, enrolment, child, TODDLERS, ClassType.OLDER_TODDLER, YearMonth.of(2024, 4),
                        new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 9, 1), LocalDate.of(2027, 8, 31),
                                List.of(), "r", "d", 1), T, LocalDate.of(2024, 4, 20)),
                check(child, HealthCheckKind.ENTRY, LocalDate.of(2027, 3, 1), HealthOutcome.NORMAL));
        assertThat(alertTypes(v, LocalDate.of(2027, 3, 20))).doesNotContain("AGE_OUT_UPCOMING");
        assertThat(alertTypes(v, LocalDate.of(2027, 3, 21))).contains("AGE_OUT_UPCOMING");
        assertThat(v.care().alerts(v.classes(), LocalDate.of(2027, 4, 1)).stream()
                .filter(a -> a.type().equals("AGE_OUT_UPCOMING")).findFirst().orElseThrow().detail())
                .contains("2027-04-20").contains("2027-04-19");
        // counted by birth month only (old reading), the alert would have come from 2027-03-02 already
        assertThat(alertTypes(v, LocalDate.of(2027, 3, 5))).doesNotContain("AGE_OUT_UPCOMING");
    }

    @Test
    void noAgeOutAlertWhenTheContractEndsFirst() {
        ChildRef child = UuidId.generate(ChildRef::new);
        InstitutionView v = fold(submitted(), new ClassOpened(ID, TODDLERS, "托大班", ClassType.OLDER_TODDLER, 20, T),
                new ChildEnrolled(ID, UuidId.generate(EnrolmentId::new), child, TODDLERS, ClassType.OLDER_TODDLER,
                        YearMonth.of(2024, 4), new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 9, 1),
                        LocalDate.of(2027, 3, 31), List.of(), "r", "d", 1), T, LocalDate.of(2024, 4, 20)));
        assertThat(alertTypes(v, LocalDate.of(2027, 3, 25))).doesNotContain("AGE_OUT_UPCOMING");
    }
}
