package org.careledger.command.filing;

import static org.careledger.command.filing.FilingFixtures.CLOCK;
import static org.careledger.command.filing.FilingFixtures.ID;
import static org.careledger.command.filing.FilingFixtures.NOW;
import static org.careledger.command.filing.FilingFixtures.OPERATOR;
import static org.careledger.command.filing.FilingFixtures.approved;
import static org.careledger.command.filing.FilingFixtures.as;
import static org.careledger.command.filing.FilingFixtures.submitted;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.staff.MedicalAgreementSigned;
import org.careledger.command.staff.SignMedicalAgreement;
import org.careledger.kernel.value.CreditCode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The medical agreement (issue 3, part 4); staff members are tested in {@code command.staff.StaffMemberTest}. */
class MedicalAgreementTest {

    private AggregateTestFixture<Institution> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Institution.class);
        fixture.registerInjectableResource(CLOCK);
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
