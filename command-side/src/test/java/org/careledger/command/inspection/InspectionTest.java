package org.careledger.command.inspection;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.FindingCategory;
import org.careledger.kernel.inspection.FindingSeverity;
import org.careledger.kernel.inspection.InspectionOutcome;
import org.careledger.kernel.inspection.InspectionRecorded;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.JointAgency;
import org.careledger.kernel.inspection.RectificationOrder;
import org.careledger.kernel.inspection.RectificationVerified;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Jurisdiction;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Inspections, findings, rectification orders and their follow-up (issue 5, part 3). */
class InspectionTest {

    static final Instant NOW = Instant.parse("2026-03-10T02:00:00Z");
    static final InstitutionId ID = new InstitutionId("6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11");
    static final String INSPECTION = "9d1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11";
    static final Caller INSPECTOR = new Caller("insp-1", Role.INSPECTOR, null, Jurisdiction.of("3708"));
    static final Caller FOREIGN = new Caller("insp-2", Role.INSPECTOR, null, Jurisdiction.of("3301"));
    static final Caller OPERATOR = new Caller("op-1", Role.OPERATOR, ID, null);
    static final LocalDate ON = LocalDate.of(2026, 3, 9);
    static final Finding EXIT = new Finding(FindingCategory.FIRE_SAFETY, FindingSeverity.SERIOUS, "安全出口堵塞");
    static final Finding LOG = new Finding(FindingCategory.RECORDS, FindingSeverity.MINOR, "晨检记录缺两天");
    static final RectificationOrder CLEAR_EXIT = new RectificationOrder("R1", 0, "清理安全出口", LocalDate.of(2026, 3, 16));

    private AggregateTestFixture<Inspection> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Inspection.class);
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
    }

    static MetaData as(Caller caller) {
        return MetaData.from(caller.toMetaData());
    }

    static BaseMatcher<Throwable> refused(ErrorCode code) {
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

    static InspectionRecorded recorded() {
        return new InspectionRecorded(ID, INSPECTION, InspectionType.COMPREHENSIVE_PATROL, Set.of(), ON, List.of(EXIT, LOG),
                List.of(CLEAR_EXIT), InspectionOutcome.RECTIFICATION_REQUIRED, NOW);
    }

    @Test
    void anInspectorRecordsFindingsAndOrdersAndTheOutcomeFollows() {
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.COMPREHENSIVE_PATROL, Set.of(), ON,
                        List.of(EXIT, LOG), List.of(CLEAR_EXIT)), as(INSPECTOR))
                .expectEvents(recorded());
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.RANDOM_SPOT_CHECK, Set.of(), ON, List.of(), List.of()),
                        as(INSPECTOR))
                .expectEvents(new InspectionRecorded(ID, INSPECTION, InspectionType.RANDOM_SPOT_CHECK, Set.of(), ON,
                        List.of(), List.of(), InspectionOutcome.PASSED, NOW));
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.JOINT,
                        Set.of(JointAgency.FIRE_SERVICES, JointAgency.MARKET_REGULATION), ON, List.of(LOG), List.of()),
                        as(INSPECTOR))
                .expectEvents(new InspectionRecorded(ID, INSPECTION, InspectionType.JOINT,
                        Set.of(JointAgency.FIRE_SERVICES, JointAgency.MARKET_REGULATION), ON, List.of(LOG), List.of(),
                        InspectionOutcome.FINDINGS_NOTED, NOW));
    }

    @Test
    void onlyInspectorsOfTheJurisdictionInspect() {
        RecordInspection command = new RecordInspection(INSPECTION, ID, InspectionType.RANDOM_SPOT_CHECK, Set.of(), ON,
                List.of(), List.of());
        fixture.givenNoPriorActivity().when(command, as(FOREIGN))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_IN_JURISDICTION));
        fixture.givenNoPriorActivity().when(command, as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.FORBIDDEN_ROLE));
    }

    @Test
    void jointInspectionsNameTheirAgenciesAndOrdersHaveADeadlineAfterTheInspection() {
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.JOINT, Set.of(), ON, List.of(), List.of()),
                        as(INSPECTOR))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT));
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.COMPREHENSIVE_PATROL, Set.of(), ON, List.of(EXIT),
                        List.of(new RectificationOrder("R1", 0, "清理", ON))), as(INSPECTOR))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT));
        fixture.givenNoPriorActivity()
                .when(new RecordInspection(INSPECTION, ID, InspectionType.COMPREHENSIVE_PATROL, Set.of(), ON, List.of(EXIT),
                        List.of(new RectificationOrder("R1", 3, "清理", ON.plusDays(7)))), as(INSPECTOR))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT));
    }

    @Test
    void aFollowUpClosesARectifiedOrderOrSetsANewDeadline() {
        fixture.given(recorded())
                .when(new VerifyRectification(INSPECTION, "R1", false, LocalDate.of(2026, 3, 10), LocalDate.of(2026, 3, 20),
                        "仍有杂物"), as(INSPECTOR))
                .expectEvents(new RectificationVerified(ID, INSPECTION, "R1", false, LocalDate.of(2026, 3, 10),
                        LocalDate.of(2026, 3, 20), "仍有杂物", NOW));
        fixture.given(recorded(), new RectificationVerified(ID, INSPECTION, "R1", true, LocalDate.of(2026, 3, 10), null,
                        null, NOW))
                .when(new VerifyRectification(INSPECTION, "R1", true, LocalDate.of(2026, 3, 10), null, null), as(INSPECTOR))
                .expectNoEvents().expectException(refused(ErrorCode.RECTIFICATION_ORDER_NOT_OPEN));
        fixture.given(recorded())
                .when(new VerifyRectification(INSPECTION, "R1", false, LocalDate.of(2026, 3, 10), null, null), as(INSPECTOR))
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT));
    }
}
