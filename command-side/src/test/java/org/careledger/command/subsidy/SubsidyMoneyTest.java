package org.careledger.command.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.UuidId;
import org.careledger.kernel.subsidy.BasisItem;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.ClassType;
import org.junit.jupiter.api.Test;

/**
 * docs/domain.md rules S3–S6: partial months by the policy's stated rule, integer fen with one
 * rounding step per item, items that add up to the decision, and children who did not count named.
 */
class SubsidyMoneyTest {

    static final Instant LATER = Instant.parse("2027-02-01T00:00:00Z");

    static SubsidyPolicy operating(SubsidyPolicy.Rounding rounding, SubsidyPolicy.PartialMonth partial, int minAttended,
                                   long infantRate, long otherRate) {
        return new SubsidyPolicy("t-operating", 1, "370811", SubsidyKind.OPERATING, LocalDate.of(2022, 1, 1), null, "test",
                rounding, false, SubsidyPolicy.SuspensionRule.PRORATE, new SubsidyPolicy.Parameters(
                Map.of("INFANT", infantRate, "DEFAULT", otherRate), 1, minAttended, null, null, null, null, null, null,
                null), partial);
    }

    static final SubsidyPolicy BY_DAYS = operating(SubsidyPolicy.Rounding.HALF_UP_FEN, SubsidyPolicy.PartialMonth.BY_DAYS,
            0, 300_000, 200_000);

    @Test
    void aOneDayPeriodEarnsOneDayNotAWholeChildMonth() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2026, 1, 5), null);
        for (int i = 0; i < 17; i++) {
            h.enrol(UuidId.generate(ChildRef::new), ClassType.YOUNG_TODDLER, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 12, 31));
        }
        LocalDate day = LocalDate.of(2026, 11, 30);
        SubsidyEngine.Result r = SubsidyEngine.compute(BY_DAYS, h.facts(LATER), day, day, SubsidyInputs.NONE, List.of(),
                LATER);
        // 200,000 fen a year / 12 / 30 days = 555 5/9 fen a child, rounded half up to 556; 17 children
        assertThat(r.basis().items()).hasSize(17).allMatch(i -> i.amountFen() == 556)
                .allMatch(i -> i.quantity().equals("1/30 (2026-11) month(s) / 12 year"));
        assertThat(r.amountFen()).isEqualTo(17 * 556);
        assertThat(r.basis().trace()).anyMatch(t -> t.contains("BY_DAYS"))
                .anyMatch(t -> t.contains("= 5000/9 fen, rounded HALF_UP_FEN = 556 fen"));
    }

    @Test
    void partialMonthsAtBothEndsCountByTheirDaysAndWholeMonthsWhole() {
        SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 12, 5), null);
        h.enrol(UuidId.generate(ChildRef::new), ClassType.INFANT, LocalDate.of(2026, 1, 17), LocalDate.of(2026, 3, 10));
        SubsidyEngine.Result r = SubsidyEngine.compute(BY_DAYS, h.facts(LATER), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 12, 31), SubsidyInputs.NONE, List.of(), LATER);
        // January 15/31, February whole, March 10/31 of 300,000 / 12
        BigInteger exact = BigInteger.valueOf(300_000L * (15 * 12180 + 377_580 + 10 * 12180));
        long expected = new java.math.BigDecimal(exact).divide(java.math.BigDecimal.valueOf(12L * 377_580), 0,
                java.math.RoundingMode.HALF_UP).longValueExact();
        assertThat(r.amountFen()).isEqualTo(expected).isEqualTo(45_161);
        assertThat(r.basis().items().get(0).quantity()).isEqualTo("1 + 15/31 (2026-01) + 10/31 (2026-03) month(s) / 12 year");
    }

    @Test
    void childrenWhoDoNotCountAreNamedWithTheReason() {
        SubsidyPolicy changzhi = operating(SubsidyPolicy.Rounding.HALF_UP_YUAN, SubsidyPolicy.PartialMonth.WHOLE_MONTH,
                10, 240_000, 240_000);
        SubsidyHistory h = new SubsidyHistory("140402").filed(LocalDate.of(2025, 11, 20), null);
        ChildRef counted = new ChildRef("00000000-0000-4000-8000-000000000001");
        ChildRef fewDays = new ChildRef("00000000-0000-4000-8000-000000000002");
        ChildRef later = new ChildRef("00000000-0000-4000-8000-000000000003");
        h.enrol(counted, ClassType.YOUNG_TODDLER, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        h.enrol(fewDays, ClassType.YOUNG_TODDLER, LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
        h.enrol(later, ClassType.YOUNG_TODDLER, LocalDate.of(2026, 2, 1), LocalDate.of(2026, 12, 31));
        for (int d = 1; d <= 10; d++) {
            h.present(counted, LocalDate.of(2026, 1, d));
        }
        for (int d = 1; d <= 9; d++) {
            h.present(fewDays, LocalDate.of(2026, 1, d));
        }
        SubsidyEngine.Result r = SubsidyEngine.compute(changzhi, h.facts(LATER), LocalDate.of(2026, 1, 1),
                LocalDate.of(2026, 1, 31), SubsidyInputs.NONE, List.of(), LATER);
        assertThat(r.amountFen()).isEqualTo(20_000);
        assertThat(r.basis().trace())
                .anyMatch(t -> t.equals("child " + fewDays.value() + ", month 2026-01: does not count, attended 9 day(s), "
                        + "the policy's minimum is 10"))
                .noneMatch(t -> t.contains(later.value()));   // not enrolled in the period at all
        // a month the institution was not filed names the children it leaves out
        SubsidyHistory notFiled = new SubsidyHistory("370811").filed(LocalDate.of(2026, 2, 10), null);
        notFiled.enrol(counted, ClassType.YOUNG_TODDLER, LocalDate.of(2026, 2, 10), LocalDate.of(2026, 12, 31));
        SubsidyEngine.Result february = SubsidyEngine.compute(BY_DAYS, notFiled.facts(LATER), LocalDate.of(2026, 2, 1),
                LocalDate.of(2026, 3, 31), SubsidyInputs.NONE, List.of(), LATER);
        assertThat(february.basis().trace()).anyMatch(t -> t.startsWith("month 2026-02 does not count: not filed on 2026-02-01")
                && t.contains("children not counted for it: " + counted.value()));
    }

    /** Property: over generated histories and policies, every item is rounded once and the items add up to the decision. */
    @Test
    void itemsAlwaysAddUpToTheDecisionInWholeFen() {
        Random random = new Random(13_2026L);
        SubsidyPolicy.Rounding[] roundings = SubsidyPolicy.Rounding.values();
        for (int run = 0; run < 300; run++) {
            SubsidyPolicy.Rounding rounding = roundings[random.nextInt(roundings.length)];
            SubsidyPolicy.PartialMonth partial = random.nextBoolean() ? SubsidyPolicy.PartialMonth.BY_DAYS
                    : SubsidyPolicy.PartialMonth.WHOLE_MONTH;
            SubsidyPolicy policy = operating(rounding, partial, random.nextInt(3), 1 + random.nextInt(500_000),
                    1 + random.nextInt(500_000));
            SubsidyHistory h = new SubsidyHistory("370811").filed(LocalDate.of(2025, 12, 1), null);
            int children = 1 + random.nextInt(25);
            for (int c = 0; c < children; c++) {
                LocalDate start = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(300));
                ChildRef child = UuidId.generate(ChildRef::new);
                h.enrol(child, random.nextBoolean() ? ClassType.INFANT : ClassType.YOUNG_TODDLER, start,
                        start.plusDays(random.nextInt(200)));
                for (int d = 0; d < 5; d++) {
                    h.present(child, start.plusDays(random.nextInt(60)));
                }
            }
            LocalDate from = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(200));
            LocalDate to = from.plusDays(random.nextInt(200));
            SubsidyEngine.Result r = SubsidyEngine.compute(policy, h.facts(LATER), from, to, SubsidyInputs.NONE, List.of(),
                    LATER);
            long sum = r.basis().items().stream().mapToLong(BasisItem::amountFen).sum();
            assertThat(sum).as("run %d", run).isEqualTo(r.amountFen());
            long unit = rounding.name().endsWith("YUAN") ? 100 : 1;
            for (BasisItem item : r.basis().items()) {
                assertThat(item.amountFen() % unit).as("run %d: %s", run, item).isZero();
                assertThat(item.amountFen()).isNotNegative();
            }
            // no inexact decimal expansion anywhere in the explanation
            assertThat(r.basis().trace()).noneMatch(t -> t.matches(".*\\d\\.\\d{6,}.*"));
        }
    }

    @Test
    void roundingIsOneExactStep() {
        BigInteger three = BigInteger.valueOf(3);
        assertThat(SubsidyPolicy.Rounding.HALF_UP_FEN.apply(BigInteger.valueOf(1000), three)).isEqualTo(333);
        assertThat(SubsidyPolicy.Rounding.HALF_UP_FEN.apply(BigInteger.valueOf(1001), BigInteger.TWO)).isEqualTo(501);
        assertThat(SubsidyPolicy.Rounding.DOWN_FEN.apply(BigInteger.valueOf(2000), three)).isEqualTo(666);
        assertThat(SubsidyPolicy.Rounding.HALF_UP_YUAN.apply(BigInteger.valueOf(15_000), BigInteger.TEN)).isEqualTo(1_500);
        assertThat(SubsidyPolicy.Rounding.HALF_UP_YUAN.apply(BigInteger.valueOf(15_050), BigInteger.TEN)).isEqualTo(1_500);
        assertThat(SubsidyPolicy.Rounding.HALF_UP_YUAN.apply(BigInteger.valueOf(14_950), BigInteger.TEN)).isEqualTo(1_500);
        assertThat(SubsidyPolicy.Rounding.DOWN_YUAN.apply(BigInteger.valueOf(19_990), BigInteger.TEN)).isEqualTo(1_900);
    }
}
