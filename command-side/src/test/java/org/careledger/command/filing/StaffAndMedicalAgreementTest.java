package org.careledger.command.filing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.careledger.command.filing.FilingFixtures.CLOCK;
import static org.careledger.command.filing.FilingFixtures.ID;
import static org.careledger.command.filing.FilingFixtures.INFANTS;
import static org.careledger.command.filing.FilingFixtures.INSPECTOR;
import static org.careledger.command.filing.FilingFixtures.NOW;
import static org.careledger.command.filing.FilingFixtures.OPERATOR;
import static org.careledger.command.filing.FilingFixtures.approved;
import static org.careledger.command.filing.FilingFixtures.as;
import static org.careledger.command.filing.FilingFixtures.infantClassOpened;
import static org.careledger.command.filing.FilingFixtures.submitted;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.FilingRevoked;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.StaffRef;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.command.staff.RecordStaffDeparture;
import org.careledger.command.staff.RegisterStaffMember;
import org.careledger.command.staff.RenewStaffCertificates;
import org.careledger.command.staff.SignMedicalAgreement;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.careledger.kernel.staff.StaffPersonalData;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff members and the medical agreement (issue 3, part 4). */
class StaffAndMedicalAgreementTest {

    static final StaffRef CARER = StaffRef.of("8e1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b01");
    static final LocalDate QUALIFIED_UNTIL = LocalDate.of(2028, 6, 30);
    static final LocalDate HEALTHY_UNTIL = LocalDate.of(2026, 12, 31);

    private AggregateTestFixture<Institution> fixture;
    private final Map<StaffRef, StaffPersonalData> vault = new HashMap<>();

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Institution.class);
        fixture.registerInjectableResource(CLOCK);
        vault.clear();
        fixture.registerInjectableResource((StaffPersonalDataStore) vault::put);
    }

    static RegisterStaffMember register(ClassId classId) {
        return new RegisterStaffMember(ID, CARER, StaffRole.CARER, classId, "保育师（四级）", QUALIFIED_UNTIL, HEALTHY_UNTIL,
                new StaffPersonalData("李晓梅", "139-0000-1111"));
    }

    static StaffMemberRegistered registered() {
        return new StaffMemberRegistered(ID, CARER, StaffRole.CARER, INFANTS, "保育师（四级）", QUALIFIED_UNTIL, HEALTHY_UNTIL,
                NOW);
    }

    @Test
    void aStaffMemberIsRegisteredWithRoleClassAndCertificatesAndTheNameGoesOnlyToTheVault() {
        fixture.given(submitted(), infantClassOpened(), approved())
                .when(register(INFANTS), as(OPERATOR))
                .expectEvents(registered());
        assertThat(vault.get(CARER).name()).isEqualTo("李晓梅");
    }

    @Test
    void staffBelongToAnExistingClassAndTheInstitutionItselfRegistersThem() {
        fixture.given(submitted(), infantClassOpened(), approved())
                .when(register(ClassId.generate()), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NOT_FOUND));
        fixture.given(submitted(), infantClassOpened(), approved())
                .when(register(INFANTS), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(submitted(), infantClassOpened(), approved(), new FilingRevoked(ID, "closed", NOW))
                .when(register(INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN));
        assertThat(vault).isEmpty();
    }

    @Test
    void certificatesAreRenewedAndDeparturesRecordedForCurrentStaffOnly() {
        LocalDate renewed = LocalDate.of(2027, 12, 31);
        fixture.given(submitted(), infantClassOpened(), approved(), registered())
                .when(new RenewStaffCertificates(ID, CARER, QUALIFIED_UNTIL, renewed), as(OPERATOR))
                .expectEvents(new StaffCertificatesRenewed(ID, CARER, QUALIFIED_UNTIL, renewed, NOW));
        fixture.given(submitted(), infantClassOpened(), approved(), registered(),
                        new StaffMemberLeft(ID, CARER, LocalDate.of(2026, 2, 28), NOW))
                .when(new RecordStaffDeparture(ID, CARER, LocalDate.of(2026, 3, 1)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.STAFF_NOT_FOUND));
    }

    @Test
    void aMedicalAgreementNamesItsPartnerAndAValidPeriod() {
        CreditCode hospital = CreditCode.parse("91370830MA3N000021");
        fixture.given(submitted(), approved())
                .when(new SignMedicalAgreement(ID, " 汶上县妇幼保健院 ", hospital, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2028, 12, 31)), as(OPERATOR))
                .expectEvents(new MedicalAgreementSigned(ID, "汶上县妇幼保健院", hospital, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2028, 12, 31), NOW));
        fixture.given(submitted(), approved())
                .when(new SignMedicalAgreement(ID, "汶上县妇幼保健院", null, LocalDate.of(2026, 1, 1),
                        LocalDate.of(2025, 12, 31)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
    }
}
