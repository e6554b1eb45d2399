package org.careledger.command.enrolment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.careledger.command.filing.FilingFixtures.ADMIN;
import static org.careledger.command.filing.FilingFixtures.CLOCK;
import static org.careledger.command.filing.FilingFixtures.ID;
import static org.careledger.command.filing.FilingFixtures.INFANTS;
import static org.careledger.command.filing.FilingFixtures.INSPECTOR;
import static org.careledger.command.filing.FilingFixtures.NOW;
import static org.careledger.command.filing.FilingFixtures.OPERATOR;
import static org.careledger.command.filing.FilingFixtures.OTHER_OPERATOR;
import static org.careledger.command.filing.FilingFixtures.TODDLERS;
import static org.careledger.command.filing.FilingFixtures.approved;
import static org.careledger.command.filing.FilingFixtures.as;
import static org.careledger.command.filing.FilingFixtures.infantClassOpened;
import static org.careledger.command.filing.FilingFixtures.submitted;
import static org.careledger.command.filing.FilingFixtures.submittedFamilyCarePoint;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.enrolment.ChildEnrolled;
import org.careledger.kernel.enrolment.ChildTransferred;
import org.careledger.kernel.enrolment.DoubleEnrolmentAttempted;
import org.careledger.kernel.enrolment.DoubleEnrolmentRefusal;
import org.careledger.command.enrolment.EndEnrolment;
import org.careledger.command.enrolment.EnrolChild;
import org.careledger.kernel.enrolment.EnrolmentEndReason;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.command.enrolment.TransferChild;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.filing.FilingSuspended;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingArea;
import org.careledger.kernel.value.LocalZone;
import org.careledger.kernel.value.LocalZones;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FeeUnit;
import org.careledger.kernel.value.ServiceType;
import org.careledger.command.filing.FilingFixtures;
import org.careledger.command.filing.InstitutionFacts;
import org.careledger.command.filing.InstitutionFactsFixture;
import org.careledger.command.filing.RefusedWith;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Given/when/then for every enrolment rule (issue 3, part 2); "now" is 2026-03-02. */
class EnrolmentTest {

    static final ChildRef BABY = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b01");
    static final ChildRef TODDLER = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b02");
    static final EnrolmentId E1 = new EnrolmentId("7e1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b01");
    static final EnrolmentId E2 = new EnrolmentId("7e1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b02");
    static final LocalDate START = LocalDate.of(2026, 3, 9);
    static final ClassId MIXED = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c03");

    private AggregateTestFixture<Enrolment> fixture;
    /** The institution as the enrolment reads it: folded from the institution events a test gives. */
    private InstitutionFacts.Facts institution;
    private final Map<ChildRef, ChildDirectory.ChildFacts> children = new HashMap<>();
    private InMemoryEnrolmentRegistry registry;
    private final List<EnrolmentPolicies.EnrolmentPolicy> policy = new ArrayList<>();

    @BeforeEach
    void setUp() {
        registry = new InMemoryEnrolmentRegistry();
        policy.clear();
        policy.add(new EnrolmentPolicies.EnrolmentPolicy("test-cap-3", 3, 3, "郑东新区 (test)"));
        // born 2025-07: 8 months old at the start (乳儿班); checked on 2026-02-20
        children.put(BABY, new ChildDirectory.ChildFacts(YearMonth.of(2025, 7), false, LocalDate.of(2026, 2, 20),
                HealthOutcome.NORMAL));
        // born 2024-09: 18 months old at the start (托小班 or mixed)
        children.put(TODDLER, new ChildDirectory.ChildFacts(YearMonth.of(2024, 9), false, LocalDate.of(2026, 2, 1),
                HealthOutcome.FOLLOW_UP));
        fixture = newFixture();
    }

    /** A fixture per scenario: the aggregate id of one scenario's stream is not the next one's. */
    private AggregateTestFixture<Enrolment> newFixture() {
        AggregateTestFixture<Enrolment> fixture;
        fixture = new AggregateTestFixture<>(Enrolment.class);
        fixture.registerInjectableResource(CLOCK);
        fixture.registerInjectableResource((InstitutionFacts) id -> {
            if (institution == null || !institution.id().equals(id)) {
                throw new org.axonframework.modelling.command.AggregateNotFoundException(id.value(), "no institution");
            }
            return institution;
        });
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource((ChildDirectory) ref -> {
            ChildDirectory.ChildFacts f = children.get(ref);
            if (f == null) {
                throw new DomainException(ErrorCode.CHILD_NOT_FOUND, "no child");
            }
            return f;
        });
        fixture.registerInjectableResource((EnrolmentPolicies) (area, day) -> policy.get(0));
        return fixture;
    }

    /**
     * Since the split (ADR 0023) a test's history is of three kinds: the institution's events are
     * what {@link InstitutionFacts} answers; every enrolment's events are rows of the registry (the
     * places the set checks count); and the events of the enrolment under test ({@code E1}, or
     * {@code focus}) are its own stream.
     */
    private org.axonframework.test.aggregate.TestExecutor<Enrolment> given(Object... events) {
        return given(java.util.Arrays.asList(events));
    }

    private org.axonframework.test.aggregate.TestExecutor<Enrolment> given(List<?> events) {
        return given(E1, events);
    }

    private org.axonframework.test.aggregate.TestExecutor<Enrolment> given(EnrolmentId focus, List<?> events) {
        List<Object> institutionEvents = new ArrayList<>();
        List<Object> own = new ArrayList<>();
        for (Object e : events) {
            if (e instanceof ChildEnrolled c) {
                registry.rows.put(c.enrolmentId().value(), new EnrolmentRegistry.Enrolment(c.enrolmentId(), c.childRef(),
                        c.institutionId(), c.classId(), c.birthMonth(), c.contract().startsOn(),
                        Enrolment.lastDayOfCare(c.contract().endsOn(), c.age()), true, c.birthDate()));
            } else if (e instanceof ChildTransferred t) {
                registry.moveTo(t.enrolmentId(), t.toClassId());
            } else if (e instanceof EnrolmentEnded x) {
                registry.end(x.enrolmentId(), x.endsOn(), x.reason());
            } else {
                institutionEvents.add(e);
                continue;
            }
            if (focus.equals(enrolmentOf(e))) {
                own.add(e);
            }
        }
        institution = InstitutionFactsFixture.fold(institutionEvents);
        fixture = newFixture();
        return fixture.given(own);
    }

    private static EnrolmentId enrolmentOf(Object event) {
        if (event instanceof ChildEnrolled c) {
            return c.enrolmentId();
        }
        if (event instanceof ChildTransferred t) {
            return t.enrolmentId();
        }
        return ((EnrolmentEnded) event).enrolmentId();
    }

    static ServiceContract contract(int prepaidMonths) {
        return new ServiceContract(ServiceType.FULL_DAY, START, LocalDate.of(2027, 2, 28),
                List.of(new Fee("保育费", 180_000, FeeUnit.PER_MONTH)), "按未服务天数退还", "协商；不成向汶上县卫健局申请调解",
                prepaidMonths);
    }

    static EnrolChild enrol(EnrolmentId id, ChildRef child, ClassId classId) {
        return new EnrolChild(ID, id, child, classId, contract(1));
    }

    static ChildEnrolled enrolled(EnrolmentId id, ChildRef child, ClassId classId, ClassType type, YearMonth born) {
        return new ChildEnrolled(ID, id, child, classId, type, born, contract(1), NOW);
    }

    private Object[] filed() {
        return new Object[] {submitted(), infantClassOpened(),
                new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, NOW), approved()};
    }

    @Test
    void aFiledInstitutionEnrolsAChildWhoMeetsEveryRule() {
        given(filed())
                .when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectEvents(enrolled(E1, BABY, INFANTS, ClassType.INFANT, YearMonth.of(2025, 7)))
                .expectResultMessagePayload(E1.value());
        assertThat(registry.rows).containsKey(E1.value());
    }

    @Test
    void onlyTheInstitutionItselfEnrols() {
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OTHER_OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.NOT_IN_JURISDICTION));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(INSPECTOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
    }

    @Test
    void theInstitutionMustBeFiledAndNotSuspended() {
        given(submitted(), infantClassOpened())
                .when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN));
        given(submitted(), infantClassOpened(), approved(), new FilingSuspended(ID, "fire exit blocked", NOW))
                .when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN));
        assertThat(registry.rows).isEmpty();
    }

    @Test
    void theChildsAgeAtTheStartMustFitTheClassType() {
        // 18 months: too old for 乳儿班
        given(filed()).when(enrol(E1, TODDLER, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
        // 8 months: too young for 托小班
        given(filed()).when(enrol(E1, BABY, TODDLERS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
    }

    @Test
    void mixedClassesTakeChildrenFromEighteenMonths() {
        Object[] withMixed = {submitted(), infantClassOpened(), new ClassOpened(ID, MIXED, "混合班", ClassType.MIXED, 18, NOW),
                approved()};
        given(withMixed).when(enrol(E1, TODDLER, MIXED), as(OPERATOR))
                .expectEvents(enrolled(E1, TODDLER, MIXED, ClassType.MIXED, YearMonth.of(2024, 9)));
        given(withMixed).when(enrol(E2, BABY, MIXED), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
    }

    @Test
    void nobodyAgedThirtySixMonthsOrMoreIsEnrolled() {
        ChildRef big = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b09");
        children.put(big, new ChildDirectory.ChildFacts(YearMonth.of(2023, 3), false, LocalDate.of(2026, 3, 1),
                HealthOutcome.NORMAL));
        given(submitted(), new ClassOpened(ID, MIXED, "混合班", ClassType.MIXED, 18, NOW), approved())
                .when(enrol(E1, big, MIXED), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CHILD_OVER_AGE_LIMIT));
    }

    @Test
    void aClassTakesNoMoreChildrenThanItsPlaces() {
        List<Object> given = new ArrayList<>(List.of(submitted(),
                new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 2, NOW), approved()));
        given.add(enrolled(E1, UuidId.generate(ChildRef::new), INFANTS, ClassType.INFANT, YearMonth.of(2025, 6)));
        given.add(enrolled(E2, UuidId.generate(ChildRef::new), INFANTS, ClassType.INFANT, YearMonth.of(2025, 6)));
        EnrolmentId third = UuidId.generate(EnrolmentId::new);
        given(third, given).when(enrol(third, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_FULL));
    }

    @Test
    void aFamilyCarePointTakesAtMostFiveChildren() {
        ClassId small = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c04");
        ClassId mixed = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c05");
        List<Object> given = new ArrayList<>(List.of(submittedFamilyCarePoint(),
                new ClassOpened(ID, small, "乳儿组", ClassType.INFANT, 3, NOW),
                new ClassOpened(ID, mixed, "混龄组", ClassType.MIXED, 2, NOW), approved()));
        for (int i = 0; i < 2; i++) {
            given.add(enrolled(UuidId.generate(EnrolmentId::new), UuidId.generate(ChildRef::new), mixed, ClassType.MIXED, YearMonth.of(2024, 6)));
        }
        for (int i = 0; i < 3; i++) {
            given.add(enrolled(UuidId.generate(EnrolmentId::new), UuidId.generate(ChildRef::new), small, ClassType.INFANT, YearMonth.of(2025, 6)));
        }
        // both groups are full; even a place freed by a resize could not take a sixth child
        given(given).when(enrol(E1, BABY, small), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CLASS_FULL));
        org.assertj.core.api.Assertions.assertThat(EnrolmentRules.FAMILY_CARE_POINT_TAKES_AT_MOST_FIVE.check(
                        new EnrolmentRules.Headcount(org.careledger.kernel.value.InstitutionType.FAMILY_CARE_POINT, 5)))
                .hasValueSatisfying(r -> org.assertj.core.api.Assertions.assertThat(r.code())
                        .isEqualTo(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED));
        org.assertj.core.api.Assertions.assertThat(EnrolmentRules.FAMILY_CARE_POINT_TAKES_AT_MOST_FIVE.check(
                new EnrolmentRules.Headcount(org.careledger.kernel.value.InstitutionType.CHILDCARE_CENTRE, 5))).isEmpty();
    }

    @Test
    void prepaymentMayNotExceedTheJurisdictionsCap() {
        given(filed())
                .when(new EnrolChild(ID, E1, BABY, INFANTS, contract(4)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.PREPAYMENT_EXCEEDS_CAP));
        given(filed())
                .when(new EnrolChild(ID, E1, BABY, INFANTS, contract(3)), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void whereNoCapIsConfiguredAnyPrepaymentIsAccepted() {
        policy.set(0, new EnrolmentPolicies.EnrolmentPolicy("uncapped", null, 3, "none"));
        given(filed())
                .when(new EnrolChild(ID, E1, BABY, INFANTS, contract(12)), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aValidEntryHealthCheckMustBeOnRecord() {
        children.put(BABY, new ChildDirectory.ChildFacts(YearMonth.of(2025, 7), false, null, null));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.ENTRY_HEALTH_CHECK_MISSING));
        // older than the policy's three months
        children.put(BABY, new ChildDirectory.ChildFacts(YearMonth.of(2025, 7), false, LocalDate.of(2025, 11, 30),
                HealthOutcome.NORMAL));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.ENTRY_HEALTH_CHECK_MISSING));
        // rated unfit
        children.put(BABY, new ChildDirectory.ChildFacts(YearMonth.of(2025, 7), false, LocalDate.of(2026, 2, 20),
                HealthOutcome.UNFIT));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.ENTRY_HEALTH_CHECK_MISSING));
    }

    @Test
    void aChildHoldingAnActiveEnrolmentAnywhereIsRefusedAndTheAttemptIsRecorded() {
        InstitutionId elsewhere = new InstitutionId("11111111-2222-4333-8444-555555555555");
        EnrolmentId held = UuidId.generate(EnrolmentId::new);
        registry.claim(new EnrolmentRegistry.Enrolment(held, BABY, elsewhere, UuidId.generate(ClassId::new), YearMonth.of(2025, 7),
                LocalDate.of(2026, 1, 5), LocalDate.of(2026, 12, 31), true));
        given(filed())
                .when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectEvents(new DoubleEnrolmentAttempted(ID, E1, BABY, elsewhere, held, NOW))
                .expectResultMessagePayload(new DoubleEnrolmentRefusal(BABY.value()));
        assertThat(registry.rows).doesNotContainKey(E1.value());
    }

    @Test
    void aChildMovesToAnotherClassAsItGrowsWithinTheTargetsAgeBand() {
        YearMonth born = YearMonth.of(2025, 7);
        given(submitted(), infantClassOpened(),
                        new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, NOW), approved(),
                        enrolled(E1, BABY, INFANTS, ClassType.INFANT, born))
                .when(new TransferChild(ID, E1, TODDLERS, LocalDate.of(2026, 7, 1)), as(OPERATOR))
                .expectEvents(new ChildTransferred(ID, E1, BABY, INFANTS, TODDLERS, ClassType.YOUNG_TODDLER,
                        LocalDate.of(2026, 7, 1), NOW));
        // eleven months in June: still an infant
        given(submitted(), infantClassOpened(),
                        new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, NOW), approved(),
                        enrolled(E1, BABY, INFANTS, ClassType.INFANT, born))
                .when(new TransferChild(ID, E1, TODDLERS, LocalDate.of(2026, 6, 1)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
    }

    @Test
    void theInstitutionWithdrawsAChildAndThePlaceIsFreed() {
        List<Object> given = new ArrayList<>(List.of(submitted(),
                new ClassOpened(ID, INFANTS, "乳儿班", ClassType.INFANT, 1, NOW), approved(),
                enrolled(E2, TODDLER, INFANTS, ClassType.INFANT, YearMonth.of(2025, 6))));
        given(E2, given)
                .when(new EndEnrolment(ID, E2, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2026, 4, 30), "family moved"),
                        as(OPERATOR))
                .expectEvents(new EnrolmentEnded(ID, E2, TODDLER, INFANTS, EnrolmentEndReason.WITHDRAWN,
                        LocalDate.of(2026, 4, 30), "family moved", NOW));
        given.add(new EnrolmentEnded(ID, E2, TODDLER, INFANTS, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2026, 4, 30),
                "family moved", NOW));
        given(given).when(enrol(E1, BABY, INFANTS), as(OPERATOR)).expectSuccessfulHandlerExecution();
    }

    @Test
    void contractEndAndAgeOutComeFromTheApplicationNotFromOperators() {
        Object[] given = {submitted(), infantClassOpened(), approved(),
                enrolled(E1, BABY, INFANTS, ClassType.INFANT, YearMonth.of(2025, 7))};
        given(given)
                .when(new EndEnrolment(ID, E1, EnrolmentEndReason.AGED_OUT, LocalDate.of(2026, 6, 30), null), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.FORBIDDEN_ROLE));
        given(given)
                .when(new EndEnrolment(ID, E1, EnrolmentEndReason.CONTRACT_ENDED, LocalDate.of(2027, 2, 28), null),
                        as(Caller.system("enrolment-lifecycle")))
                .expectEvents(new EnrolmentEnded(ID, E1, BABY, INFANTS, EnrolmentEndReason.CONTRACT_ENDED,
                        LocalDate.of(2027, 2, 28), null, NOW));
    }

    @Test
    void anEnrolmentEndsOnlyWithinItsPeriodAndOnlyOnce() {
        Object[] given = {submitted(), infantClassOpened(), approved(),
                enrolled(E1, BABY, INFANTS, ClassType.INFANT, YearMonth.of(2025, 7)),
                new EnrolmentEnded(ID, E1, BABY, INFANTS, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2026, 4, 1), null, NOW)};
        given(given)
                .when(new EndEnrolment(ID, E1, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2026, 4, 2), null), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.ENROLMENT_NOT_FOUND));
        given(submitted(), infantClassOpened(), approved(),
                        enrolled(E1, BABY, INFANTS, ClassType.INFANT, YearMonth.of(2025, 7)))
                .when(new EndEnrolment(ID, E1, EnrolmentEndReason.WITHDRAWN, LocalDate.of(2028, 1, 1), null), as(ADMIN))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
    }

    // ---- ages to the day (docs/domain.md, rules A1–A4)

    static final ClassId OLDER = new ClassId("0b5e4b8e-1d0a-4c55-8a8e-6b4b0d3f9c04");

    private ChildRef childBorn(String birthDate) {
        LocalDate born = LocalDate.parse(birthDate);
        ChildRef ref = new ChildRef(java.util.UUID.nameUUIDFromBytes(birthDate.getBytes()).toString());
        children.put(ref, new ChildDirectory.ChildFacts(YearMonth.from(born), false, LocalDate.of(2026, 3, 1),
                HealthOutcome.NORMAL).withBirthDate(born));
        return ref;
    }

    private Object[] filedWithOlderToddlers() {
        return new Object[] {submitted(), infantClassOpened(),
                new ClassOpened(ID, TODDLERS, "托小班", ClassType.YOUNG_TODDLER, 15, NOW),
                new ClassOpened(ID, OLDER, "托大班", ClassType.OLDER_TODDLER, 20, NOW), approved()};
    }

    @Test
    void aChildOfFiveMonthsAndTwentyNineDaysIsNotYetAnInfantClassChild() {
        // start 2026-03-09: born 2025-09-10 is 5 months and 27 days old; born 2025-09-09 is 6 months that day
        ChildRef young = childBorn("2025-09-10");
        given(filed()).when(new EnrolChild(ID, E1, young, INFANTS, contract(1)), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
        ChildRef six = childBorn("2025-09-09");
        given(filed()).when(new EnrolChild(ID, E2, six, INFANTS, contract(1)), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        assertThat(registry.rows.get(E2.value()).birthDate()).isEqualTo(LocalDate.of(2025, 9, 9));
    }

    @Test
    void aChildBornOnTheThirtyFirstReachesSixMonthsOnTheLastDayOfFebruary() {
        ChildRef child = childBorn("2025-08-31");
        ServiceContract from27 = new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 2, 27),
                LocalDate.of(2026, 12, 31), List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        ServiceContract from28 = new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 2, 28),
                LocalDate.of(2026, 12, 31), List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        children.put(child, new ChildDirectory.ChildFacts(YearMonth.of(2025, 8), false, LocalDate.of(2026, 2, 20),
                HealthOutcome.NORMAL).withBirthDate(LocalDate.of(2025, 8, 31)));
        Object[] filedInJanuary = {submitted(), infantClassOpened(), new org.careledger.kernel.filing.FilingApproved(ID,
                org.careledger.kernel.id.FilingNumber.of(FilingFixtures.WENSHANG, 2026, 1), FilingFixtures.WENSHANG,
                java.time.Instant.parse("2026-01-05T02:00:00Z"))};
        given(filedInJanuary).when(new EnrolChild(ID, E1, child, INFANTS, from27), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.AGE_OUTSIDE_CLASS_BAND));
        given(filedInJanuary).when(new EnrolChild(ID, E2, child, INFANTS, from28), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aContractMayNotStartBeforeTheFilingWasApproved() {
        // approved at 2026-03-02 10:00 China time: a contract from 2026-03-01 is refused, from 2026-03-02 accepted
        ServiceContract early = new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 3, 1),
                LocalDate.of(2026, 12, 31), List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        ServiceContract onTheDay = new ServiceContract(ServiceType.FULL_DAY, LocalDate.of(2026, 3, 2),
                LocalDate.of(2026, 12, 31), List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        children.put(BABY, new ChildDirectory.ChildFacts(YearMonth.of(2025, 7), false, LocalDate.of(2026, 2, 20),
                HealthOutcome.NORMAL));
        given(filed()).when(new EnrolChild(ID, E1, BABY, INFANTS, early), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.BEFORE_FILING_APPROVAL));
        assertThat(registry.rows).isEmpty();
        given(filed()).when(new EnrolChild(ID, E1, BABY, INFANTS, onTheDay), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
    }

    @Test
    void aChildOfThirtyFiveMonthsAndFourDaysIsNotThirtySixMonthsOld() {
        // start 2026-03-09: born 2023-04-05 is 35 months and 4 days old, and in care until 2026-04-04
        ChildRef child = childBorn("2023-04-05");
        ServiceContract year = new ServiceContract(ServiceType.FULL_DAY, START, LocalDate.of(2027, 2, 28),
                List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        given(filedWithOlderToddlers()).when(new EnrolChild(ID, E1, child, OLDER, year), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        assertThat(registry.rows.get(E1.value()).endsOn()).isEqualTo(LocalDate.of(2026, 4, 4));
        // born 2023-03-09 reaches 36 months on the start day itself
        ChildRef three = childBorn("2023-03-09");
        given(filedWithOlderToddlers()).when(new EnrolChild(ID, E2, three, OLDER, year), as(OPERATOR))
                .expectNoEvents().expectException(RefusedWith.code(ErrorCode.CHILD_OVER_AGE_LIMIT));
    }

    @Test
    void anEnrolmentCarriesTheBirthDateSoItsStateKnowsTheExactLastDay() {
        ChildRef child = childBorn("2023-04-05");
        ServiceContract year = new ServiceContract(ServiceType.FULL_DAY, START, LocalDate.of(2027, 2, 28),
                List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0);
        ChildEnrolled enrolled = new ChildEnrolled(ID, E1, child, OLDER, ClassType.OLDER_TODDLER, YearMonth.of(2023, 4),
                year, NOW, LocalDate.of(2023, 4, 5));
        given(filedWithOlderToddlers()).when(new EnrolChild(ID, E1, child, OLDER, year), as(OPERATOR))
                .expectEvents(enrolled);
        // the age-out ending on the exact day is within the enrolment; a day later is not
        Object[] given = java.util.stream.Stream.concat(java.util.Arrays.stream(filedWithOlderToddlers()),
                java.util.stream.Stream.of(enrolled)).toArray();
        given(given).when(new EndEnrolment(ID, E1, EnrolmentEndReason.AGED_OUT, LocalDate.of(2026, 4, 5), null),
                as(Caller.system("enrolment-lifecycle"))).expectNoEvents()
                .expectException(RefusedWith.code(ErrorCode.INVALID_INPUT));
        given(given).when(new EndEnrolment(ID, E1, EnrolmentEndReason.AGED_OUT, LocalDate.of(2026, 4, 4), null),
                as(Caller.system("enrolment-lifecycle"))).expectEvents(new EnrolmentEnded(ID, E1, child, OLDER,
                EnrolmentEndReason.AGED_OUT, LocalDate.of(2026, 4, 4), null, NOW));
    }

    @Test
    void twoInstitutionsReferencesForOnePersonHoldOneActiveEnrolment() {
        // docs/domain.md rules E2 and P4: another institution registered the same citizen ID under its own reference
        ChildRef elsewhereRef = new ChildRef("5a0c1a3e-2c33-4e0e-9c1e-8d7b3f2a1b99");
        registry.claim(new EnrolmentRegistry.Enrolment(E2, elsewhereRef, UuidId.generate(InstitutionId::new), UuidId.generate(ClassId::new),
                YearMonth.of(2025, 7), START, LocalDate.of(2026, 12, 31), true, null, "person-hmac-1"));
        children.put(BABY, children.get(BABY).withPersonKey("person-hmac-1"));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OPERATOR))
                .expectResultMessagePayloadMatching(org.hamcrest.Matchers.instanceOf(DoubleEnrolmentRefusal.class));
        assertThat(registry.rows).doesNotContainKey(E1.value());
        // a different person is enrolled
        children.put(BABY, children.get(BABY).withPersonKey("person-hmac-2"));
        given(filed()).when(enrol(E1, BABY, INFANTS), as(OPERATOR)).expectSuccessfulHandlerExecution();
    }

    @Test
    void theLastDayOfCareIsTheDayBeforeTheChildTurnsThirtySixMonths() {
        // a child of whom only the birth month is known counts from the month's first day
        assertThat(org.careledger.kernel.child.ChildAge.ofBirthMonth(YearMonth.of(2024, 9)).agesOutOn())
                .isEqualTo(LocalDate.of(2027, 9, 1));
        given(filed())
                .when(new EnrolChild(ID, E1, TODDLER, TODDLERS, new ServiceContract(ServiceType.FULL_DAY, START,
                        LocalDate.of(2028, 6, 30), List.of(new Fee("保育费", 1, FeeUnit.PER_MONTH)), "r", "d", 0)),
                        as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        assertThat(registry.rows.get(E1.value()).endsOn()).isEqualTo(LocalDate.of(2027, 8, 31));
    }

    @Test
    void configuredPoliciesPickTheMostSpecificJurisdictionThenTheLatestInEffect() {
        var policies = new ConfiguredEnrolmentPolicies(List.of(
                new ConfiguredEnrolmentPolicies.Policy("national", "", LocalDate.of(2019, 1, 1), null, 3, "n"),
                new ConfiguredEnrolmentPolicies.Policy("zz-2022", "4101", LocalDate.of(2022, 1, 1), 3, null, "z"),
                new ConfiguredEnrolmentPolicies.Policy("zz-2027", "4101", LocalDate.of(2027, 1, 1), 2, null, "z2")));
        FilingArea zhengzhou = FilingArea.of(DivisionCode.parse("410105"));
        assertThat(policies.at(zhengzhou, LocalDate.of(2026, 5, 1)).id()).isEqualTo("zz-2022");
        assertThat(policies.at(zhengzhou, LocalDate.of(2027, 5, 1)).prepaidMonthsCap()).isEqualTo(2);
        assertThat(policies.at(FilingArea.of(DivisionCode.parse("370830")), LocalDate.of(2026, 5, 1)).prepaidMonthsCap()).isNull();
        assertThat(policies.at(zhengzhou, LocalDate.of(2021, 5, 1)).id()).isEqualTo("national");
    }

    /** Rule F7: a zone's policy applies only inside the zone, and there before every division's policy. */
    @Test
    void aZonePolicyAppliesOnlyInItsZoneAndBeforeTheDivisions() {
        var policies = new ConfiguredEnrolmentPolicies(List.of(
                new ConfiguredEnrolmentPolicies.Policy("national", "", LocalDate.of(2019, 1, 1), null, 3, "n"),
                new ConfiguredEnrolmentPolicies.Policy("jinshui", "410105", LocalDate.of(2022, 1, 1), 6, null, "j"),
                new ConfiguredEnrolmentPolicies.Policy("zd", "4101", "4101-ZD", LocalDate.of(2022, 1, 1), 3, null, "z")));
        LocalDate day = LocalDate.of(2026, 5, 1);
        DivisionCode jinshui = DivisionCode.parse("410105");
        assertThat(policies.at(new FilingArea(jinshui, "4101-ZD"), day).id()).isEqualTo("zd");
        assertThat(policies.at(FilingArea.of(jinshui), day).id()).isEqualTo("jinshui");
        assertThat(policies.at(FilingArea.of(DivisionCode.parse("410102")), day).id()).isEqualTo("national");
        // before the zone's policy takes effect, the division's applies inside the zone too
        assertThat(policies.at(new FilingArea(jinshui, "4101-ZD"), LocalDate.of(2021, 5, 1)).id()).isEqualTo("national");

        LocalZones zones = LocalZones.of(List.of(new LocalZone("4101-ZD", "郑东新区", "4101",
                List.of("410104", "410105"), "test")));
        policies.checkZones(zones);
        assertThatThrownBy(() -> policies.checkZones(LocalZones.none()))
                .hasMessageContaining("enrolment policy zd").hasMessageContaining("4101-ZD");
        var outside = new ConfiguredEnrolmentPolicies(List.of(
                new ConfiguredEnrolmentPolicies.Policy("wrong", "3708", "4101-ZD", LocalDate.of(2022, 1, 1), 3, null, "w")));
        assertThatThrownBy(() -> outside.checkZones(zones)).hasMessageContaining("does not lie inside its jurisdiction '3708'");
    }
}
