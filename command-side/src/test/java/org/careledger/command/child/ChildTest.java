package org.careledger.command.child;

import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.child.ChildPersonalDataErased;
import org.careledger.kernel.child.ChildPersonalDataViewed;
import org.careledger.kernel.child.ChildRegistered;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.Jurisdiction;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ChildTest {

    private static final Instant NOW = Instant.parse("2026-05-01T02:00:00Z");
    private static final ChildRef CHILD = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b01");
    private static final InstitutionId INSTITUTION = new InstitutionId("6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11");
    private static final Caller OPERATOR = new Caller("op", Role.OPERATOR, INSTITUTION, null);
    private static final Caller INSPECTOR = new Caller("insp", Role.INSPECTOR, null, Jurisdiction.of("3708"));
    private static final Caller FOREIGN = new Caller("insp2", Role.INSPECTOR, null, Jurisdiction.of("3301"));
    private static final Caller ADMIN = new Caller("admin", Role.ADMIN, null, null);

    private AggregateTestFixture<Child> fixture;
    /** Erasure goes through the vault; here we only need to know that it was asked. */
    private boolean erasedInVault;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Child.class);
        fixture.registerInjectableResource(Clock.fixed(NOW, ZoneOffset.UTC));
        // the institution's filing was approved on 2026-03-01
        fixture.registerInjectableResource((org.careledger.command.filing.FilingDirectory) id ->
                java.util.Optional.of(java.time.LocalDate.of(2026, 3, 1)));
        fixture.registerInjectableResource(new org.careledger.command.enrolment.ConfiguredEnrolmentPolicies(java.util.List.of()));
        erasedInVault = false;
        fixture.registerInjectableResource(new PersonalDataVault(null, null) {
            @Override
            public void erase(ChildRef child) {
                erasedInVault = true;
            }

            @Override
            public void store(ChildRef child, String record, byte[] plaintext) {
                // the fixture checks events only; the real vault is tested against PostgreSQL
            }
        });
    }

    private static GenericDomainEventMessage<ChildRegistered> registered() {
        return new GenericDomainEventMessage<>("Child", CHILD.value(), 0,
                new ChildRegistered(CHILD, INSTITUTION, YearMonth.of(2025, 3), NOW),
                MetaData.with("institutionId", INSTITUTION.value()).and("jurisdiction", "370830"));
    }

    private static MetaData as(Caller caller) {
        return MetaData.from(caller.toMetaData());
    }

    private static BaseMatcher<Throwable> code(ErrorCode code) {
        return new BaseMatcher<>() {
            @Override
            public boolean matches(Object actual) {
                return actual instanceof DomainException d && d.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(code.name());
            }
        };
    }

    @Test
    void everyViewOfPersonalDataIsRecordedWithTheViewer() {
        fixture.given(registered()).when(new RecordPersonalDataAccess(CHILD, "核对"), as(INSPECTOR))
                .expectEvents(new ChildPersonalDataViewed(CHILD, INSTITUTION, "insp", "INSPECTOR", "核对", NOW));
    }

    @Test
    void onlyTheChildsInstitutionAndItsInspectorsMaySee() {
        fixture.given(registered()).when(new RecordPersonalDataAccess(CHILD, "x"), as(FOREIGN))
                .expectNoEvents().expectException(code(ErrorCode.NOT_IN_JURISDICTION));
        fixture.given(registered())
                .when(new RecordPersonalDataAccess(CHILD, "x"), as(new Caller("o2", Role.OPERATOR, UuidId.generate(InstitutionId::new), null)))
                .expectNoEvents().expectException(code(ErrorCode.NOT_IN_JURISDICTION));
        fixture.given(registered())
                .when(new RecordPersonalDataAccess(CHILD, "x"), as(new Caller("f", Role.SUBSIDY_OFFICER, null, Jurisdiction.of("37"))))
                .expectNoEvents().expectException(code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(registered()).when(new RecordPersonalDataAccess(CHILD, "x"), as(OPERATOR)).expectSuccessfulHandlerExecution();
    }

    @Test
    void anAdministratorErasesWithAReasonAndTheKeyIsDestroyed() {
        fixture.given(registered()).when(new EraseChildPersonalData(CHILD, "监护人申请"), as(ADMIN))
                .expectEvents(new ChildPersonalDataErased(CHILD, INSTITUTION, "监护人申请", NOW));
        org.assertj.core.api.Assertions.assertThat(erasedInVault).isTrue();
    }

    @Test
    void erasureIsForAdministratorsOnlyAndNeedsAReason() {
        fixture.given(registered()).when(new EraseChildPersonalData(CHILD, "x"), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(registered()).when(new EraseChildPersonalData(CHILD, " "), as(ADMIN))
                .expectNoEvents().expectException(code(ErrorCode.INVALID_INPUT));
    }

    @Test
    void erasedDataCannotBeViewedNorErasedAgain() {
        fixture.given(registered(), new ChildPersonalDataErased(CHILD, INSTITUTION, "x", NOW))
                .when(new RecordPersonalDataAccess(CHILD, "x"), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.PERSONAL_DATA_ERASED));
        fixture.given(registered(), new ChildPersonalDataErased(CHILD, INSTITUTION, "x", NOW))
                .when(new EraseChildPersonalData(CHILD, "again"), as(ADMIN))
                .expectNoEvents().expectException(code(ErrorCode.PERSONAL_DATA_ERASED));
    }

    @Test
    void theInstitutionRecordsAHealthCheckWithItsOutcomeCodeOnly() {
        java.time.LocalDate checked = java.time.LocalDate.of(2026, 4, 20);
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, org.careledger.kernel.child.HealthCheckKind.ENTRY,
                        checked, org.careledger.kernel.child.HealthOutcome.NORMAL, "身高体重正常；听力筛查通过"), as(OPERATOR))
                .expectEvents(new org.careledger.kernel.child.HealthCheckRecorded(CHILD, INSTITUTION,
                        org.careledger.kernel.child.HealthCheckKind.ENTRY, checked, org.careledger.kernel.child.HealthOutcome.NORMAL, NOW));
    }

    @Test
    void aHealthCheckMustLieBetweenBirthAndTodayAndComeFromTheInstitution() {
        var kind = org.careledger.kernel.child.HealthCheckKind.PERIODIC;
        var normal = org.careledger.kernel.child.HealthOutcome.NORMAL;
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, kind, java.time.LocalDate.of(2026, 6, 1), normal, null), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.INVALID_INPUT));
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, kind, java.time.LocalDate.of(2025, 2, 1), normal, null), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.INVALID_INPUT));
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, kind, java.time.LocalDate.of(2026, 4, 1), normal, null), as(INSPECTOR))
                .expectNoEvents().expectException(code(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(registered(), new ChildPersonalDataErased(CHILD, INSTITUTION, "x", NOW))
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, kind, java.time.LocalDate.of(2026, 4, 1), normal, null), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.PERSONAL_DATA_ERASED));
    }

    @Test
    void aCheckInTheInstitutionsCareIsNotDatedBeforeItsFilingWasApproved() {
        var normal = org.careledger.kernel.child.HealthOutcome.NORMAL;
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, org.careledger.kernel.child.HealthCheckKind.PERIODIC,
                        java.time.LocalDate.of(2026, 2, 28), normal, null), as(OPERATOR))
                .expectNoEvents().expectException(code(ErrorCode.BEFORE_FILING_APPROVAL));
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, org.careledger.kernel.child.HealthCheckKind.PERIODIC,
                        java.time.LocalDate.of(2026, 3, 1), normal, null), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        // the entry check is made before admission, by a health institution: it may precede the filing
        fixture.given(registered())
                .when(new org.careledger.command.child.RecordHealthCheck(CHILD, org.careledger.kernel.child.HealthCheckKind.ENTRY,
                        java.time.LocalDate.of(2026, 2, 20), normal, null), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }
}
