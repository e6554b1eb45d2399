package org.careledger.query.supervision;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthCheckRecorded;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingApproved;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.filing.PuhuiStatusGranted;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.FilingNumber;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.careledger.query.institution.InstitutionView;
import org.careledger.query.institution.InstitutionViewReducer;
import org.junit.jupiter.api.Test;

/** The supervision indicators of docs/domain.md (rule V1) computed over two institutions by hand. */
class IndicatorsTest {

    static final Instant T = Instant.parse("2026-01-05T01:00:00Z");
    static final DivisionCode WENSHANG = DivisionCode.parse("370830");
    static final LocalDate DAY = LocalDate.of(2026, 3, 10);

    static InstitutionView institution(boolean puhui, ClassType type, int places, int children, boolean agreement,
                                       LocalDate staffQualifiedUntil) {
        InstitutionId id = UuidId.generate(InstitutionId::new);
        ClassId classId = UuidId.generate(ClassId::new);
        List<Object> events = new java.util.ArrayList<>(List.of(
                new FilingSubmitted(id, CreditCode.parse("91370830MA3N000021"), true, "托育中心", InstitutionType.CHILDCARE_CENTRE,
                        WENSHANG, "地址", new GeoPoint(35.7, 116.5), "0537", true, Set.of(ServiceType.FULL_DAY), List.of(),
                        List.of(), T),
                new ClassOpened(id, classId, "班", type, places, T),
                new FilingApproved(id, FilingNumber.of(WENSHANG, 2026, 1), WENSHANG, T),
                new StaffMemberRegistered(id, UuidId.generate(StaffRef::new), StaffRole.CARER, classId, "保育师",
                        staffQualifiedUntil, LocalDate.of(2027, 1, 1), T)));
        if (puhui) {
            events.add(new PuhuiStatusGranted(id, LocalDate.of(2026, 1, 1), "ref", T));
        }
        if (agreement) {
            events.add(new MedicalAgreementSigned(id, "妇幼保健院", null, LocalDate.of(2026, 1, 1), null, T));
        }
        for (int i = 0; i < children; i++) {
            ChildRef c = UuidId.generate(ChildRef::new);
            events.add(new ChildEnrolled(id, UuidId.generate(EnrolmentId::new), c, classId, type, YearMonth.of(2024, 9),
                    new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 12, 31), List.of(),
                            "r", "d", 0), T));
            // half of them checked within six months, the others in the summer before
            events.add(new HealthCheckRecorded(c, id, HealthCheckKind.ENTRY, i % 2 == 0 ? LocalDate.of(2026, 1, 20)
                    : LocalDate.of(2025, 8, 1), HealthOutcome.NORMAL, T));
        }
        InstitutionView v = null;
        long position = 1;
        for (Object e : events) {
            v = InstitutionViewReducer.apply(v, e, position++);
        }
        return v;
    }

    @Test
    void sharesRatesAndCountsFollowFromTheViews() {
        // A: 普惠, 10 infant places, 4 children, agreement, 1 carer (4 > 1 × 3: ratio breach)
        // B: 20 older-toddler places, 10 children, no agreement, carer's qualification expired (10 > 7: breach)
        List<InstitutionView> views = List.of(institution(true, ClassType.INFANT, 10, 4, true, LocalDate.of(2028, 1, 1)),
                institution(false, ClassType.OLDER_TODDLER, 20, 10, false, LocalDate.of(2026, 3, 1)));
        IndicatorsController controller = new IndicatorsController(null, null, null,
                new PopulationReference(Map.of("370830", new PopulationReference.Population(600_000L, 15_000L, "统计年鉴"))));
        IndicatorsController.Indicators i = controller.compute("370830", DAY, views, new long[] {30, 40}, 1);
        assertThat(i.places()).isEqualTo(30);
        assertThat(i.puhuiShare()).isEqualTo(0.3333);
        assertThat(i.under2Share()).isEqualTo(0.3333);
        assertThat(i.placesPer1000Population()).isEqualTo(0.05);
        assertThat(i.placesPer1000ChildrenUnder3()).isEqualTo(2.0);
        assertThat(i.enrolmentRate()).isEqualTo(0.4667);
        assertThat(i.attendanceRate()).isEqualTo(0.75);
        assertThat(i.certifiedStaffRate()).isEqualTo(0.5);
        assertThat(i.medicalAgreementRate()).isEqualTo(0.5);
        assertThat(i.checkedInSixMonths()).isEqualTo(7);
        assertThat(i.healthCheckCoverage()).isEqualTo(0.5);
        assertThat(i.withStaffRatioBreaches()).isEqualTo(2);
        assertThat(i.withExpiredLicence()).isEqualTo(1);
        assertThat(i.withOverCapacityClasses()).isZero();
        assertThat(controller.compute("3708", DAY, views, new long[] {0, 0}, 0).placesPer1000Population()).isNull();
    }
}
