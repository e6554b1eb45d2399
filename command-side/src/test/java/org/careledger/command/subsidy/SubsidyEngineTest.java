package org.careledger.command.subsidy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.FieldViolation;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.FilingArea;
import org.careledger.kernel.value.LocalZone;
import org.careledger.kernel.value.LocalZones;
import org.junit.jupiter.api.Test;

/** The subsidy rules computed by hand from the source policies, and each eligibility rule. */
class SubsidyEngineTest {

    static final LocalDate JAN_1 = LocalDate.of(2026, 1, 1);
    static final LocalDate DEC_31 = LocalDate.of(2026, 12, 31);
    static final Instant LATER = Instant.parse("2027-02-01T00:00:00Z");

    static final SubsidyPolicy TAIBAIHU_OPERATING = new SubsidyPolicy("taibaihu-operating", 1, "370811",
            SubsidyKind.OPERATING, LocalDate.of(2022, 1, 1), null, "太白湖新区", SubsidyPolicy.Rounding.HALF_UP_FEN, true,
            SubsidyPolicy.SuspensionRule.PRORATE, new SubsidyPolicy.Parameters(Map.of("INFANT", 300_000L, "DEFAULT", 200_000L),
            1, 0, null, null, null, null, null, null, null));
    static final SubsidyPolicy CHANGZHI_OPERATING = new SubsidyPolicy("changzhi-operating", 1, "1404",
            SubsidyKind.OPERATING, LocalDate.of(2024, 1, 1), null, "长治", SubsidyPolicy.Rounding.HALF_UP_YUAN, true,
            SubsidyPolicy.SuspensionRule.PRORATE, new SubsidyPolicy.Parameters(Map.of("DEFAULT", 240_000L), 1, 10, null,
            null, null, null, null, null, null));
    static final SubsidyPolicy CONSTRUCTION = new SubsidyPolicy("taibaihu-construction", 1, "370811",
            SubsidyKind.CONSTRUCTION, LocalDate.of(2022, 1, 1), null, "太白湖新区", SubsidyPolicy.Rounding.HALF_UP_FEN, false,
            SubsidyPolicy.SuspensionRule.REFUSE, new SubsidyPolicy.Parameters(null, null, null, 200_000L, null, null, null,
            null, null, null));

    static SubsidyEngine.Result compute(SubsidyPolicy policy, SubsidyHistory history, LocalDate from, LocalDate to) {
        return SubsidyEngine.compute(policy, history.facts(LATER), from, to, SubsidyInputs.NONE, List.of(), LATER);
    }

    static List<String> refusals(Runnable computation) {
        try {
            computation.run();
        } catch (DomainException e) {
            assertThat(e.code()).isEqualTo(ErrorCode.SUBSIDY_NOT_ELIGIBLE);
            return e.violations().stream().map(FieldViolation::code).toList();
        }
        throw new AssertionError("expected a refusal");
    }

    @Test
    void taibaihuOperatingSubsidyForEightInfantsAndThirtyOthersAllYearIs84000Yuan() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        for (int i = 0; i < 8; i++) {
            h.enrol(UuidId.generate(ChildRef::new), ClassType.INFANT, JAN_1, DEC_31);
        }
        for (int i = 0; i < 30; i++) {
            h.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        }
        SubsidyEngine.Result r = compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31);
        assertThat(r.amountFen()).isEqualTo((8 * 3_000 + 30 * 2_000) * 100L);
        assertThat(r.basis().items()).hasSize(38).allMatch(i -> !i.eventIds().isEmpty());
        assertThat(r.basis().policyId()).isEqualTo("taibaihu-operating");
        assertThat(r.basis().trace().get(r.basis().trace().size() - 1)).contains("84000.00 yuan");
    }

    @Test
    void monthsProrateTheYearlyRateAndAWithdrawalEndsThem() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        h.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, LocalDate.of(2026, 4, 1), DEC_31);     // 9 months
        ChildRef leaves = UuidId.generate(ChildRef::new);
        var e = h.enrol(leaves, ClassType.INFANT, JAN_1, DEC_31);
        h.withdraw(LocalDate.of(2026, 3, 20), e, leaves, LocalDate.of(2026, 2, 28));                 // 2 months
        assertThat(compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31).amountFen())
                .isEqualTo(200_000L * 9 / 12 + 300_000L * 2 / 12);
    }

    @Test
    void aSuspensionRemovesItsMonthsUnderAProratingPolicy() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        h.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        h.suspended(LocalDate.of(2026, 3, 5), LocalDate.of(2026, 4, 11));
        SubsidyEngine.Result r = compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31);
        assertThat(r.amountFen()).isEqualTo(200_000L * 10 / 12 + 1);   // 166,666.67 fen rounded half up
        assertThat(r.basis().trace()).anyMatch(t -> t.startsWith("month 2026-03 does not count: suspended"))
                .anyMatch(t -> t.startsWith("month 2026-04 does not count: suspended"));
    }

    @Test
    void aSuspensionRefusesUnderARefusingPolicy() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2026, 2, 1), null);
        h.suspended(LocalDate.of(2026, 6, 1), LocalDate.of(2026, 6, 20));
        assertThat(refusals(() -> compute(CONSTRUCTION, h, JAN_1, DEC_31))).containsExactly("SUSPENDED_IN_PERIOD");
    }

    @Test
    void onlyAFiledInstitutionIsEligible() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2027, 3, 1), LocalDate.of(2027, 3, 1));
        assertThat(refusals(() -> compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31))).contains("NOT_FILED");
    }

    @Test
    void aPolicyRequiring普惠RefusesAnInstitutionWithoutIt() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), null);
        h.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        assertThat(refusals(() -> compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31))).containsExactly("NOT_PUHUI");
        // 普惠 from 1 July: only July to December count
        SubsidyHistory later = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2026, 7, 1));
        later.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        assertThat(compute(TAIBAIHU_OPERATING, later, JAN_1, DEC_31).amountFen()).isEqualTo(100_000L);
    }

    @Test
    void changzhiCountsAMonthOnlyWithTenAttendedDaysAndRoundsToTheYuan() {
        SubsidyHistory h = new SubsidyHistory("140402").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        ChildRef child = UuidId.generate(ChildRef::new);
        h.enrol(child, ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        for (int d = 1; d <= 10; d++) {
            h.present(child, LocalDate.of(2026, 1, d));          // January: 10 days, counts
        }
        for (int d = 1; d <= 9; d++) {
            h.present(child, LocalDate.of(2026, 2, d));          // February: 9 days, does not
        }
        SubsidyEngine.Result r = SubsidyEngine.compute(CHANGZHI_OPERATING, h.facts(LATER), JAN_1,
                LocalDate.of(2026, 2, 28), SubsidyInputs.NONE, List.of(), LATER);
        assertThat(r.amountFen()).isEqualTo(20_000L);               // 2,400 yuan / 12
        assertThat(r.basis().items().get(0).eventIds()).hasSize(11); // the enrolment and the ten attended days
    }

    @Test
    void theConstructionSubsidyPaysEachPlaceApprovedAtAcceptance() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2026, 2, 1), null);
        assertThat(compute(CONSTRUCTION, h, JAN_1, DEC_31).amountFen()).isEqualTo(50 * 200_000L);
        assertThat(refusals(() -> compute(CONSTRUCTION, h, LocalDate.of(2027, 1, 1), LocalDate.of(2027, 12, 31))))
                .contains("NOT_ACCEPTED_IN_PERIOD");
    }

    @Test
    void recomputingOnTheSameFactsGivesTheSameAmountAndBasis() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        for (int i = 0; i < 5; i++) {
            h.enrol(UuidId.generate(ChildRef::new), i % 2 == 0 ? ClassType.INFANT : ClassType.YOUNG_TODDLER, JAN_1, DEC_31);
        }
        assertThat(compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31)).isEqualTo(compute(TAIBAIHU_OPERATING, h, JAN_1, DEC_31));
        // facts recorded after the decision do not change a recomputation as of the decision
        SubsidyEngine.Result asDecided = SubsidyEngine.compute(TAIBAIHU_OPERATING, h.facts(LATER), JAN_1, DEC_31,
                SubsidyInputs.NONE, List.of(), LATER);
        h.enrol(UuidId.generate(ChildRef::new), ClassType.INFANT, JAN_1, DEC_31);
        assertThat(SubsidyEngine.compute(TAIBAIHU_OPERATING, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE, List.of(),
                LATER)).isNotEqualTo(asDecided);
    }

    @Test
    void aPolicyWithALaterEffectiveDateAppliesOnlyToLaterPeriods() {
        SubsidyPolicy v2 = new SubsidyPolicy("taibaihu-operating", 2, "370811", SubsidyKind.OPERATING,
                LocalDate.of(2027, 1, 1), null, "太白湖新区 2027", SubsidyPolicy.Rounding.HALF_UP_FEN, true,
                SubsidyPolicy.SuspensionRule.PRORATE, new SubsidyPolicy.Parameters(Map.of("INFANT", 360_000L,
                "DEFAULT", 240_000L), 1, 0, null, null, null, null, null, null, null));
        SubsidyPolicies policies = new SubsidyPolicies(List.of(TAIBAIHU_OPERATING, v2, CHANGZHI_OPERATING));
        DivisionCode taibaihu = DivisionCode.parse("370811");
        assertThat(policies.inForce(taibaihu, SubsidyKind.OPERATING, JAN_1).orElseThrow().version()).isEqualTo(1);
        assertThat(policies.inForce(taibaihu, SubsidyKind.OPERATING, LocalDate.of(2027, 1, 1)).orElseThrow().version())
                .isEqualTo(2);
        assertThat(policies.inForce(DivisionCode.parse("370830"), SubsidyKind.OPERATING, JAN_1)).isEmpty();
        assertThat(policies.inForce(DivisionCode.parse("140402"), SubsidyKind.OPERATING, JAN_1).orElseThrow().policyId())
                .isEqualTo("changzhi-operating");
        assertThatThrownBy(() -> new SubsidyPolicies(List.of(TAIBAIHU_OPERATING, TAIBAIHU_OPERATING)))
                .hasMessageContaining("defined twice");
    }

    /** Rule F7: a zone's policy applies only to institutions filed in the zone, and there before the division's. */
    @Test
    void aZonePolicyAppliesOnlyInsideItsZoneAndBeforeTheDivisionsPolicy() {
        LocalZones zones = LocalZones.of(List.of(new LocalZone("370811-TBH", "太白湖新区", "3708", List.of("370811"), "t")));
        SubsidyPolicy zonePolicy = TAIBAIHU_OPERATING.inZone("370811-TBH");
        SubsidyPolicy cityPolicy = new SubsidyPolicy("jining-operating", 1, "3708", SubsidyKind.OPERATING,
                LocalDate.of(2025, 1, 1), null, "济宁", SubsidyPolicy.Rounding.HALF_UP_FEN, true,
                SubsidyPolicy.SuspensionRule.PRORATE, TAIBAIHU_OPERATING.parameters(), SubsidyPolicy.PartialMonth.BY_DAYS);
        SubsidyPolicies policies = new SubsidyPolicies(List.of(zonePolicy, cityPolicy), zones);
        DivisionCode rencheng = DivisionCode.parse("370811");
        assertThat(policies.inForce(new FilingArea(rencheng, "370811-TBH"), SubsidyKind.OPERATING, JAN_1).orElseThrow()
                .policyId()).isEqualTo("taibaihu-operating");
        assertThat(policies.inForce(FilingArea.of(rencheng), SubsidyKind.OPERATING, JAN_1).orElseThrow().policyId())
                .isEqualTo("jining-operating");
        assertThat(new SubsidyPolicies(List.of(zonePolicy), zones).inForce(FilingArea.of(rencheng), SubsidyKind.OPERATING,
                JAN_1)).isEmpty();

        assertThatThrownBy(() -> new SubsidyPolicies(List.of(zonePolicy), LocalZones.none()))
                .hasMessageContaining("taibaihu-operating").hasMessageContaining("370811-TBH")
                .hasMessageContaining("not configured");
        SubsidyPolicy outside = new SubsidyPolicy("x", 1, "1404", SubsidyKind.CONSTRUCTION, JAN_1, null, "s",
                SubsidyPolicy.Rounding.HALF_UP_FEN, false, SubsidyPolicy.SuspensionRule.REFUSE, CONSTRUCTION.parameters())
                .inZone("370811-TBH");
        assertThatThrownBy(() -> new SubsidyPolicies(List.of(outside), zones))
                .hasMessageContaining("does not lie inside its jurisdiction '1404'");
    }

    @Test
    void aPolicyForADivisionNotOnTheOfficialListStopsTheStart() {
        // 370872 was once used for 太白湖新区, a functional zone without a code of its own
        for (String jurisdiction : List.of("370872", "3799", "3")) {
            SubsidyPolicy fake = new SubsidyPolicy("fake", 1, jurisdiction, SubsidyKind.CONSTRUCTION, JAN_1, null, "s",
                    SubsidyPolicy.Rounding.HALF_UP_FEN, false, SubsidyPolicy.SuspensionRule.REFUSE, CONSTRUCTION.parameters());
            assertThatThrownBy(() -> new SubsidyPolicies(List.of(fake))).hasMessageContaining("not a division on the official list");
        }
    }

    @Test
    void demonstrationChainUtilisationAndRentFollowTheirFormulas() {
        SubsidyHistory h = new SubsidyHistory("140402").filed(LocalDate.of(2025, 11, 20), LocalDate.of(2025, 12, 1));
        SubsidyPolicy demo = new SubsidyPolicy("d", 1, "", SubsidyKind.DEMONSTRATION, JAN_1, null, "s",
                SubsidyPolicy.Rounding.HALF_UP_FEN, false, SubsidyPolicy.SuspensionRule.REFUSE,
                new SubsidyPolicy.Parameters(null, null, null, null, Map.of("MUNICIPAL", 10_000_000L), null, null, null, null, null));
        assertThat(SubsidyEngine.compute(demo, h.facts(LATER), JAN_1, DEC_31,
                new SubsidyInputs("MUNICIPAL", "济卫发〔2026〕3号", null, null, null), List.of(), LATER).amountFen())
                .isEqualTo(10_000_000L);
        assertThat(refusals(() -> SubsidyEngine.compute(demo, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE, List.of(),
                LATER))).containsExactly("NO_DESIGNATION");

        SubsidyPolicy chain = new SubsidyPolicy("c", 1, "", SubsidyKind.CHAIN_INCENTIVE, JAN_1, null, "s",
                SubsidyPolicy.Rounding.HALF_UP_FEN, false, SubsidyPolicy.SuspensionRule.REFUSE,
                new SubsidyPolicy.Parameters(null, null, null, null, null, null, 3, 3_000_000L, null, null));
        var sameCity = new SubsidyEngine.ChainMember("b", true, "140403", "e-b");
        var otherCity = new SubsidyEngine.ChainMember("c", true, "370830", "e-c");
        var notFiled = new SubsidyEngine.ChainMember("d", false, "140404", null);
        assertThat(refusals(() -> SubsidyEngine.compute(chain, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE,
                List.of(sameCity, otherCity, notFiled), LATER))).containsExactly("CHAIN_TOO_SMALL");
        var third = new SubsidyEngine.ChainMember("e", true, "140411", "e-e");
        assertThat(SubsidyEngine.compute(chain, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE,
                List.of(sameCity, third), LATER).amountFen()).isEqualTo(3_000_000L);

        // utilisation: 50 places; 30 children present on each of 2 days = 60%
        SubsidyPolicy use = new SubsidyPolicy("u", 1, "", SubsidyKind.UTILISATION_INCENTIVE, JAN_1, null, "s",
                SubsidyPolicy.Rounding.HALF_UP_FEN, false, SubsidyPolicy.SuspensionRule.REFUSE,
                new SubsidyPolicy.Parameters(null, null, null, null, null, 60, null, 2_000_000L, null, null));
        for (int i = 0; i < 30; i++) {
            ChildRef c = UuidId.generate(ChildRef::new);
            h.present(c, LocalDate.of(2026, 5, 6)).present(c, LocalDate.of(2026, 5, 7));
        }
        assertThat(SubsidyEngine.compute(use, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE, List.of(), LATER)
                .amountFen()).isEqualTo(2_000_000L);
        h.present(UuidId.generate(ChildRef::new), LocalDate.of(2026, 5, 8));   // a third day with 1 child: 61 / 150 < 60%
        assertThat(refusals(() -> SubsidyEngine.compute(use, h.facts(LATER), JAN_1, DEC_31, SubsidyInputs.NONE, List.of(),
                LATER))).containsExactly("BELOW_THRESHOLD");

        // rent: min(1000 m², 50 places × 8 m²) × 100 fen × min(12 lease months, 12 months)
        SubsidyPolicy rent = new SubsidyPolicy("r", 1, "", SubsidyKind.RENT_REDUCTION, JAN_1, null, "s",
                SubsidyPolicy.Rounding.HALF_UP_FEN, true, SubsidyPolicy.SuspensionRule.PRORATE,
                new SubsidyPolicy.Parameters(null, null, null, null, null, null, null, null, 100L, 8));
        assertThat(SubsidyEngine.compute(rent, h.facts(LATER), JAN_1, DEC_31, new SubsidyInputs(null, null, null, 1000, 12),
                List.of(), LATER).amountFen()).isEqualTo(400L * 100 * 12);
    }
}
