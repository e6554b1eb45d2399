package org.careledger.command.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.axonframework.messaging.MetaData;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.careledger.command.filing.InstitutionDirectory;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.subsidy.SubsidyAdjustmentDecided;
import org.careledger.kernel.subsidy.SubsidyApproved;
import org.careledger.kernel.subsidy.SubsidyDecisionComputed;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.subsidy.SubsidyPaid;
import org.careledger.kernel.subsidy.SubsidyRejected;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Jurisdiction;
import org.hamcrest.BaseMatcher;
import org.hamcrest.Description;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The decision workflow: application, officer decision, payment, recomputation into supplement or clawback. */
class SubsidyCaseTest {

    static final Instant NOW = Instant.parse("2027-01-10T02:00:00Z");
    static final LocalDate FROM = LocalDate.of(2026, 1, 1);
    static final LocalDate TO = LocalDate.of(2026, 12, 31);
    static final InstitutionId ID = SubsidyHistory.ID;
    static final String CASE = ApplyForSubsidy.caseId(ID, SubsidyKind.OPERATING, FROM, TO);
    static final Caller OPERATOR = new Caller("op", Role.OPERATOR, ID, null);
    static final Caller OFFICER = new Caller("off", Role.SUBSIDY_OFFICER, null, Jurisdiction.of("3708"));
    static final Caller FOREIGN_OFFICER = new Caller("off2", Role.SUBSIDY_OFFICER, null, Jurisdiction.of("1404"));

    private AggregateTestFixture<SubsidyCase> fixture;
    private SubsidyHistory history;
    private final List<ChildRef> children = new ArrayList<>();
    private InMemorySubsidyPeriodClaims claims;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(SubsidyCase.class);
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        fixture.registerInjectableResource(clock);
        history = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        children.clear();
        for (int i = 0; i < 3; i++) {
            ChildRef c = UuidId.generate(ChildRef::new);
            children.add(c);
            history.enrol(c, ClassType.YOUNG_TODDLER, FROM, TO);
        }
        SubsidyFactsLoader loader = new SubsidyFactsLoader(null, null) {
            @Override
            SubsidyFacts load(InstitutionId institution, LocalDate from, LocalDate to, Instant asOf) {
                return history.facts(asOf);
            }
        };
        InstitutionDirectory registry = new InstitutionDirectory() {
            @Override
            public void claim(CreditCode creditCode, InstitutionId institutionId, DivisionCode division) {
                throw new UnsupportedOperationException();
            }

            @Override
            public Optional<DivisionCode> divisionOf(InstitutionId institutionId) {
                return Optional.of(DivisionCode.parse("370811"));
            }
        };
        SubsidyPolicies policies = new SubsidyPolicies(List.of(SubsidyEngineTest.TAIBAIHU_OPERATING));
        fixture.registerInjectableResource(loader);
        fixture.registerInjectableResource(registry);
        fixture.registerInjectableResource(policies);
        claims = new InMemorySubsidyPeriodClaims();
        fixture.registerInjectableResource(claims);
        fixture.registerAnnotatedCommandHandler(new SubsidyApplicationHandler(fixture.getRepository(), registry, policies,
                loader, claims, clock));
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

    private SubsidyDecisionComputed computed() {
        SubsidyEngine.Result r = SubsidyEngine.compute(SubsidyEngineTest.TAIBAIHU_OPERATING, history.facts(NOW), FROM, TO,
                SubsidyInputs.NONE, List.of(), NOW);
        return new SubsidyDecisionComputed(ID, CASE, SubsidyKind.OPERATING, FROM, TO, SubsidyInputs.NONE, r.amountFen(),
                r.basis(), NOW);
    }

    @Test
    void anInstitutionAppliesAndTheDecisionIsComputedWithItsBasis() {
        fixture.givenNoPriorActivity()
                .when(new ApplyForSubsidy(CASE, ID, SubsidyKind.OPERATING, FROM, TO, null), as(OPERATOR))
                .expectEvents(computed())
                .expectResultMessagePayload(CASE);
        assertThat(computed().amountFen()).isEqualTo(600_000L);
    }

    @Test
    void noSecondDecisionOfTheSameKindForTheSamePeriod() {
        fixture.given(computed())
                .when(new ApplyForSubsidy(CASE, ID, SubsidyKind.OPERATING, FROM, TO, null), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.SUBSIDY_ALREADY_DECIDED));
    }

    @Test
    void withoutAPolicyInForceThereIsNoCase() {
        String construction = ApplyForSubsidy.caseId(ID, SubsidyKind.CONSTRUCTION, FROM, TO);
        fixture.givenNoPriorActivity()
                .when(new ApplyForSubsidy(construction, ID, SubsidyKind.CONSTRUCTION, FROM, TO, null), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.NO_SUBSIDY_POLICY));
    }

    @Test
    void anOfficerOfTheJurisdictionApprovesThenRecordsThePayment() {
        fixture.given(computed())
                .when(new DecideSubsidy(CASE, true, "材料齐全"), as(OFFICER))
                .expectEvents(new SubsidyApproved(ID, CASE, 600_000L, "材料齐全", NOW));
        fixture.given(computed(), new SubsidyApproved(ID, CASE, 600_000L, "ok", NOW))
                .when(new RecordSubsidyPayment(CASE, LocalDate.of(2027, 1, 9), "BANK-2027-0001"), as(OFFICER))
                .expectEvents(new SubsidyPaid(ID, CASE, 600_000L, LocalDate.of(2027, 1, 9), "BANK-2027-0001", NOW));
        fixture.given(computed())
                .when(new DecideSubsidy(CASE, true, "x"), as(FOREIGN_OFFICER))
                .expectNoEvents().expectException(refused(ErrorCode.NOT_IN_JURISDICTION));
        fixture.given(computed())
                .when(new DecideSubsidy(CASE, true, "x"), as(OPERATOR))
                .expectNoEvents().expectException(refused(ErrorCode.FORBIDDEN_ROLE));
        fixture.given(computed(), new SubsidyRejected(ID, CASE, "no", NOW))
                .when(new DecideSubsidy(CASE, true, "again"), as(OFFICER))
                .expectNoEvents().expectException(refused(ErrorCode.SUBSIDY_NOT_AWAITING_DECISION));
    }

    @Test
    void recomputingOnUnchangedFactsWritesNothing() {
        fixture.given(computed(), new SubsidyApproved(ID, CASE, 600_000L, "ok", NOW))
                .when(new RecomputeSubsidy(CASE), as(OFFICER))
                .expectNoEvents()
                .expectResultMessagePayload(SubsidyCase.UNCHANGED);
    }

    @Test
    void aLateEnrolmentIsASupplementAndALateWithdrawalAClawback() {
        SubsidyDecisionComputed decided = computed();
        history.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, FROM, TO);   // recorded late
        fixture.given(decided, new SubsidyApproved(ID, CASE, 600_000L, "ok", NOW))
                .when(new RecomputeSubsidy(CASE), as(OFFICER))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(new BaseMatcher<>() {
                            @Override
                            public boolean matches(Object o) {
                                return o instanceof SubsidyAdjustmentDecided a
                                        && a.adjustment() == SubsidyAdjustmentDecided.Adjustment.SUPPLEMENT
                                        && a.deltaFen() == 200_000L && a.recomputedAmountFen() == 800_000L;
                            }

                            @Override
                            public void describeTo(Description d) {
                                d.appendText("a supplement of 200000 fen");
                            }
                        })));
        SubsidyHistory withdrawn = history;
        var firstEnrolment = withdrawn.institution.stream()
                .filter(m -> m.getPayload() instanceof org.careledger.kernel.enrolment.ChildEnrolled).findFirst().orElseThrow();
        var enrolled = (org.careledger.kernel.enrolment.ChildEnrolled) firstEnrolment.getPayload();
        withdrawn.withdraw(LocalDate.of(2027, 1, 5), enrolled.enrolmentId(), enrolled.childRef(), LocalDate.of(2026, 6, 30));
        fixture.given(decided, new SubsidyApproved(ID, CASE, 600_000L, "ok", NOW),
                        new SubsidyAdjustmentDecided(ID, CASE, SubsidyAdjustmentDecided.Adjustment.SUPPLEMENT, 200_000L,
                                600_000L, 800_000L, decided.basis(), NOW),
                        new SubsidyApproved(ID, CASE, 200_000L, "ok", NOW))
                .when(new RecomputeSubsidy(CASE), as(OFFICER))
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.payloadsMatching(
                        org.axonframework.test.matchers.Matchers.exactSequenceOf(new BaseMatcher<>() {
                            @Override
                            public boolean matches(Object o) {
                                return o instanceof SubsidyAdjustmentDecided a
                                        && a.adjustment() == SubsidyAdjustmentDecided.Adjustment.CLAWBACK
                                        && a.deltaFen() == -100_000L && a.previousAmountFen() == 800_000L;
                            }

                            @Override
                            public void describeTo(Description d) {
                                d.appendText("a clawback of 100000 fen");
                            }
                        })));
    }

    @Test
    void aClawbackApprovedIsRecoveredAsANegativePayment() {
        SubsidyDecisionComputed decided = computed();
        fixture.given(decided, new SubsidyApproved(ID, CASE, 600_000L, "ok", NOW),
                        new SubsidyPaid(ID, CASE, 600_000L, LocalDate.of(2027, 1, 9), "B1", NOW),
                        new SubsidyAdjustmentDecided(ID, CASE, SubsidyAdjustmentDecided.Adjustment.CLAWBACK, -100_000L,
                                600_000L, 500_000L, decided.basis(), NOW),
                        new SubsidyApproved(ID, CASE, -100_000L, "核减", NOW))
                .when(new RecordSubsidyPayment(CASE, LocalDate.of(2027, 2, 1), "RECOVERY-1"), as(OFFICER))
                .expectEvents(new SubsidyPaid(ID, CASE, -100_000L, LocalDate.of(2027, 2, 1), "RECOVERY-1", NOW));
    }

    // ---- docs/domain.md rule S1 and the recompute refusals (issue 13)

    @Test
    void anOverlappingPeriodOfTheSameKindIsRefusedNamingTheCaseThatHoldsIt() {
        LocalDate november = LocalDate.of(2026, 11, 1);
        String year = ApplyForSubsidy.caseId(ID, SubsidyKind.OPERATING, FROM, TO);
        fixture.givenNoPriorActivity()
                .when(new ApplyForSubsidy(year, ID, SubsidyKind.OPERATING, FROM, TO, null), as(OPERATOR))
                .expectSuccessfulHandlerExecution();
        assertThat(claims.days).hasSize(365).containsValue(year);
        setUp();
        claims.claim(ID, SubsidyKind.OPERATING, FROM, TO, year);
        String nov = ApplyForSubsidy.caseId(ID, SubsidyKind.OPERATING, november, LocalDate.of(2026, 11, 30));
        fixture.givenNoPriorActivity()
                .when(new ApplyForSubsidy(nov, ID, SubsidyKind.OPERATING, november, LocalDate.of(2026, 11, 30), null),
                        as(OPERATOR))
                .expectNoEvents().expectException(new BaseMatcher<Throwable>() {
                    @Override
                    public boolean matches(Object o) {
                        return o instanceof DomainException e && e.code() == ErrorCode.SUBSIDY_PERIOD_OVERLAPS
                                && e.getMessage().contains(year);
                    }

                    @Override
                    public void describeTo(Description d) {
                        d.appendText("SUBSIDY_PERIOD_OVERLAPS naming " + year);
                    }
                });
        String oneDay = ApplyForSubsidy.caseId(ID, SubsidyKind.OPERATING, november, november);
        setUp();
        claims.claim(ID, SubsidyKind.OPERATING, FROM, TO, year);
        fixture.givenNoPriorActivity()
                .when(new ApplyForSubsidy(oneDay, ID, SubsidyKind.OPERATING, november, november, null), as(OPERATOR))
                // this policy counts whole months: a one-day period is not even a valid application under it
                .expectNoEvents().expectException(refused(ErrorCode.INVALID_INPUT));
        assertThat(claims.days).hasSize(365);
    }

    @Test
    void aRejectedCaseGivesItsDaysBack() {
        claims.claim(ID, SubsidyKind.OPERATING, FROM, TO, CASE);
        assertThat(claims.days).hasSize(365);
        fixture.given(computed())
                .when(new DecideSubsidy(CASE, false, "材料不全"), as(OFFICER))
                .expectSuccessfulHandlerExecution();
        assertThat(claims.days).isEmpty();
    }

    @Test
    void recomputingWhileADecisionIsPendingSaysSo() {
        fixture.given(computed())
                .when(new RecomputeSubsidy(CASE), as(OFFICER))
                .expectNoEvents().expectException(refused(ErrorCode.SUBSIDY_DECISION_PENDING));
        fixture.given(computed(), new SubsidyRejected(ID, CASE, "no", NOW))
                .when(new RecomputeSubsidy(CASE), as(OFFICER))
                .expectNoEvents().expectException(refused(ErrorCode.SUBSIDY_CASE_REJECTED));
    }
}
