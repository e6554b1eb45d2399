package org.careledger.command.staff;

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
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.staff.StaffCertificatesRenewed;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.staff.StaffMemberRegistered;
import org.careledger.kernel.staff.StaffPersonalData;
import org.careledger.kernel.staff.StaffRole;
import org.careledger.command.filing.InstitutionFacts;
import org.careledger.command.filing.InstitutionFactsFixture;
import org.careledger.command.filing.RefusedWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Staff members (issue 3, part 4), an aggregate of their own since ADR 0023; "now" is 2026-03-02. */
class StaffMemberTest {

    static final StaffRef CARER = new StaffRef("8e1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b01");
    static final LocalDate QUALIFIED_UNTIL = LocalDate.of(2028, 6, 30);
    static final LocalDate HEALTHY_UNTIL = LocalDate.of(2026, 12, 31);

    private AggregateTestFixture<StaffMember> fixture;
    /** The institution as the staff member reads it: folded from the institution events a test gives. */
    private InstitutionFacts.Facts institution;
    private final Map<StaffRef, StaffPersonalData> vault = new HashMap<>();

    @BeforeEach
    void setUp() {
        vault.clear();
        fixture = newFixture();
    }


    /** A fixture per scenario: the aggregate id of one scenario's stream is not the next one's. */
    private AggregateTestFixture<StaffMember> newFixture() {
        AggregateTestFixture<StaffMember> fixture;
        fixture = new AggregateTestFixture<>(StaffMember.class);
        fixture.registerInjectableResource(CLOCK);
        // another institution's facts: the same record under the other id (its operator passes authorization)
        fixture.registerInjectableResource((InstitutionFacts) id -> id.equals(institution.id()) ? institution
                : new InstitutionFacts.Facts(id, institution.division(), institution.type(), institution.status(),
                        institution.filedOn(), institution.classes(), institution.zone()));
        fixture.registerInjectableResource((StaffPersonalDataStore) vault::put);
        return fixture;
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
        given(submitted(), infantClassOpened(), approved())
                .when(register(INFANTS), as(OPERATOR))
                .expectEvents(registered());
        assertThat(vault.get(CARER).name()).isEqualTo("李晓梅");
    }

    @Test
    void staffBelongToAnExistingClassAndTheInstitutionItselfRegistersThem() {
        given(submitted(), infantClassOpened(), approved())
                .when(register(UuidId.generate(ClassId::new)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_NOT_FOUND));
        given(submitted(), infantClassOpened(), approved())
                .when(register(INFANTS), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
        given(submitted(), infantClassOpened(), approved(), new FilingRevoked(ID, "closed", NOW))
                .when(register(INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN));
        assertThat(vault).isEmpty();
    }

    @Test
    void certificatesAreRenewedAndDeparturesRecordedForCurrentStaffOnly() {
        LocalDate renewed = LocalDate.of(2027, 12, 31);
        given(submitted(), infantClassOpened(), approved(), registered())
                .when(new RenewStaffCertificates(ID, CARER, QUALIFIED_UNTIL, renewed), as(OPERATOR))
                .expectEvents(new StaffCertificatesRenewed(ID, CARER, QUALIFIED_UNTIL, renewed, NOW));
        given(submitted(), infantClassOpened(), approved(), registered(),
                        new StaffMemberLeft(ID, CARER, LocalDate.of(2026, 2, 28), NOW))
                .when(new RecordStaffDeparture(ID, CARER, LocalDate.of(2026, 3, 1)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.STAFF_NOT_FOUND));
    }

    @Test
    void renewingCertificatesToTheDatesOnRecordAppendsNothing() {
        var registered = registered();
        given(submitted(), infantClassOpened(), approved(), registered)
                .when(new RenewStaffCertificates(ID, registered.staffRef(), registered.qualificationExpiresOn(),
                        registered.healthCertificateExpiresOn()), as(OPERATOR))
                .expectSuccessfulHandlerExecution().expectNoEvents();
        var renewedUntil = registered.healthCertificateExpiresOn().plusYears(1);
        given(submitted(), infantClassOpened(), approved(), registered, new StaffCertificatesRenewed(ID,
                        registered.staffRef(), registered.qualificationExpiresOn(), renewedUntil, NOW))
                .when(new RenewStaffCertificates(ID, registered.staffRef(), registered.qualificationExpiresOn(),
                        renewedUntil), as(OPERATOR))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void aCurrentStaffMemberIsNotRegisteredTwiceButADepartedOneMayReturn() {
        given(submitted(), infantClassOpened(), approved(), registered())
                .when(register(INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
        given(submitted(), infantClassOpened(), approved(), registered(),
                        new StaffMemberLeft(ID, CARER, LocalDate.of(2026, 2, 28), NOW))
                .when(register(INFANTS), as(OPERATOR))
                .expectEvents(registered());
    }

    @Test
    void aStaffMemberOfAnotherInstitutionIsNotFoundHere() {
        var elsewhere = new org.careledger.kernel.id.InstitutionId("11111111-2222-4333-8444-555555555555");
        given(submitted(), infantClassOpened(), approved(), registered())
                .when(new RecordStaffDeparture(elsewhere, CARER, LocalDate.of(2026, 3, 1)),
                        as(new org.careledger.kernel.security.Caller("op-2", org.careledger.kernel.security.Role.OPERATOR,
                                elsewhere, null)))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.STAFF_NOT_FOUND));
    }

    /** The institution's events are what {@link InstitutionFacts} answers; the staff member's own are its stream. */
    private org.axonframework.test.aggregate.TestExecutor<StaffMember> given(Object... events) {
        java.util.List<Object> institutionEvents = new java.util.ArrayList<>();
        java.util.List<Object> own = new java.util.ArrayList<>();
        for (Object e : events) {
            if (e instanceof StaffMemberRegistered || e instanceof StaffCertificatesRenewed || e instanceof StaffMemberLeft) {
                own.add(e);
            } else {
                institutionEvents.add(e);
            }
        }
        institution = InstitutionFactsFixture.fold(institutionEvents);
        fixture = newFixture();
        return fixture.given(own);
    }
}
