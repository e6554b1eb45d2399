package org.careledger.command.subsidy;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.error.Violations;
import org.careledger.kernel.subsidy.BasisItem;
import org.careledger.kernel.subsidy.SubsidyBasis;
import org.careledger.kernel.subsidy.SubsidyInputs;
import org.careledger.kernel.subsidy.SubsidyKind;
import org.careledger.kernel.value.ClassType;

/**
 * Computes a subsidy from facts and a policy version: a pure function, so recomputing on the same
 * facts and version gives the same amount and basis. Eligibility rules are named, and a refusal
 * lists every rule that failed. Amounts are exact until the policy's rounding makes them fen.
 */
final class SubsidyEngine {

    /** Another institution of a claimed chain, as its own events show it. */
    record ChainMember(String institutionId, boolean filed, String division, String eventId) {
    }

    record Result(long amountFen, SubsidyBasis basis) {
    }

    private static final MathContext EXACT = MathContext.DECIMAL128;

    private SubsidyEngine() {
    }

    static Result compute(SubsidyPolicy policy, SubsidyFacts facts, LocalDate from, LocalDate to, SubsidyInputs inputs,
                          List<ChainMember> chain, Instant factsAsOf) {
        List<String> trace = new ArrayList<>();
        List<BasisItem> items = new ArrayList<>();
        Violations refusals = new Violations();
        trace.add("policy " + policy.policyId() + " v" + policy.version() + " (" + policy.source() + "), kind "
                + policy.kind() + ", period " + from + " – " + to);

        // eligibility, each rule by name
        institutionIsFiled(facts, from, to, refusals);
        if (policy.suspension() == SubsidyPolicy.SuspensionRule.REFUSE) {
            noSuspensionInPeriod(facts, from, to, refusals);
        }
        List<YearMonth> months = months(from, to);
        Map<YearMonth, String> excluded = new LinkedHashMap<>();
        boolean monthly = policy.kind() == SubsidyKind.OPERATING || policy.kind() == SubsidyKind.RENT_REDUCTION;
        if (monthly) {
            for (YearMonth m : months) {
                String why = monthExcludedBecause(policy, facts, m, from, to);
                if (why != null) {
                    excluded.put(m, why);
                }
            }
            excluded.forEach((m, why) -> trace.add("month " + m + " does not count: " + why));
        }
        if (policy.requiresPuhui() && (monthly ? months.stream().noneMatch(m -> puhuiAllMonth(facts, m, from, to))
                : !facts.puhuiOn(to))) {
            refusals.add("puhui", "NOT_PUHUI", "policy " + policy.policyId() + " requires 普惠 status, which the "
                    + "institution did not hold " + (monthly ? "for a whole month of the period" : "at the period's end"));
        }

        BigDecimal exact = switch (policy.kind()) {
            case OPERATING -> operating(policy, facts, months, excluded, from, to, items, trace);
            case CONSTRUCTION -> construction(policy, facts, from, to, items, trace, refusals);
            case DEMONSTRATION -> demonstration(policy, inputs, items, trace, refusals);
            case UTILISATION_INCENTIVE -> utilisation(policy, facts, from, to, items, trace, refusals);
            case CHAIN_INCENTIVE -> chainIncentive(policy, facts, chain, items, trace, refusals);
            case RENT_REDUCTION -> rent(policy, facts, inputs, months.size() - excluded.size(), items, trace, refusals);
        };
        if (!refusals.isEmpty()) {
            throw new DomainException(ErrorCode.SUBSIDY_NOT_ELIGIBLE, refusals.list().size()
                    + " eligibility rule(s) failed under policy " + policy.policyId() + " v" + policy.version(),
                    refusals.list());
        }
        long amount = policy.rounding().apply(exact);
        trace.add("total " + exact.stripTrailingZeros().toPlainString() + " fen, rounded " + policy.rounding() + " = "
                + amount + " fen (" + BigDecimal.valueOf(amount).movePointLeft(2).toPlainString() + " yuan)");
        return new Result(amount, new SubsidyBasis(policy.policyId(), policy.version(), policy.source(),
                policy.rounding().name(), factsAsOf, items, trace));
    }

    // ---- eligibility rules

    /** The institution is filed (备案) for the period: approved on or before its end, not revoked before its start. */
    static void institutionIsFiled(SubsidyFacts facts, LocalDate from, LocalDate to, Violations refusals) {
        if (facts.filed == null || facts.filed.day().isAfter(to) || (facts.ended != null && !facts.ended.day().isAfter(from))) {
            refusals.add("filing", "NOT_FILED", "the institution was not filed during " + from + " – " + to);
        }
    }

    /** Under a REFUSE policy, a suspension overlapping the period refuses the subsidy. */
    static void noSuspensionInPeriod(SubsidyFacts facts, LocalDate from, LocalDate to, Violations refusals) {
        for (SubsidyFacts.Suspension s : facts.suspensions) {
            if (!s.from().isAfter(to) && (s.until() == null || !s.until().isBefore(from))) {
                refusals.add("suspension", "SUSPENDED_IN_PERIOD", "the filing was suspended from " + s.from()
                        + (s.until() == null ? "" : " to " + s.until()) + " (event " + s.eventIds().get(0) + ")");
                return;
            }
        }
    }

    /** Why a month does not count (not filed all month, suspended under PRORATE, no 普惠 all month), or null. */
    private static String monthExcludedBecause(SubsidyPolicy policy, SubsidyFacts facts, YearMonth m, LocalDate from,
                                               LocalDate to) {
        LocalDate first = max(m.atDay(1), from);
        LocalDate last = min(m.atEndOfMonth(), to);
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            if (!facts.filedOn(d)) {
                return "not filed on " + d;
            }
            if (policy.suspension() == SubsidyPolicy.SuspensionRule.PRORATE && facts.suspendedOn(d)) {
                return "suspended on " + d;
            }
            if (policy.requiresPuhui() && !facts.puhuiOn(d)) {
                return "no 普惠 status on " + d;
            }
        }
        return null;
    }

    private static boolean puhuiAllMonth(SubsidyFacts facts, YearMonth m, LocalDate from, LocalDate to) {
        for (LocalDate d = max(m.atDay(1), from); !d.isAfter(min(m.atEndOfMonth(), to)); d = d.plusDays(1)) {
            if (!facts.puhuiOn(d)) {
                return false;
            }
        }
        return true;
    }

    // ---- formulas

    /**
     * Operating subsidy: for each enrolled child and each counted month, the yearly rate of the
     * child's class type on its last enrolled day of that month, divided by 12. A month counts when
     * the child was enrolled and present on at least the policy's numbers of days in it.
     */
    private static BigDecimal operating(SubsidyPolicy policy, SubsidyFacts facts, List<YearMonth> months,
                                        Map<YearMonth, String> excluded, LocalDate from, LocalDate to,
                                        List<BasisItem> items, List<String> trace) {
        SubsidyPolicy.Parameters p = policy.parameters();
        trace.add("rate per child and year: " + p.ratesPerChildYearFen() + " fen; a month counts with ≥ "
                + p.minEnrolledDaysPerMonth() + " enrolled and ≥ " + p.minAttendedDaysPerMonth() + " attended days");
        BigDecimal total = BigDecimal.ZERO;
        for (SubsidyFacts.Enrolment e : facts.enrolments.values()) {
            Map<ClassType, Integer> countedMonths = new LinkedHashMap<>();
            Set<String> ids = new LinkedHashSet<>(e.eventIds());
            for (YearMonth m : months) {
                if (excluded.containsKey(m)) {
                    continue;
                }
                LocalDate first = max(max(m.atDay(1), from), e.startsOn());
                LocalDate last = min(min(m.atEndOfMonth(), to), e.lastDay());
                if (last.isBefore(first)) {
                    continue;
                }
                int enrolledDays = (int) (last.toEpochDay() - first.toEpochDay() + 1);
                var days = facts.attendance.getOrDefault(e.childRef(), new java.util.TreeMap<>()).subMap(first, true, last, true);
                List<String> presentIds = days.values().stream().filter(SubsidyFacts.Presence::present)
                        .map(SubsidyFacts.Presence::eventId).toList();
                if (enrolledDays < p.minEnrolledDaysPerMonth() || presentIds.size() < p.minAttendedDaysPerMonth()) {
                    continue;
                }
                if (p.minAttendedDaysPerMonth() > 0) {
                    ids.addAll(presentIds);
                }
                countedMonths.merge(e.classOn(last), 1, Integer::sum);
            }
            for (Map.Entry<ClassType, Integer> c : countedMonths.entrySet()) {
                long rate = rate(p, c.getKey());
                BigDecimal amount = BigDecimal.valueOf(rate).multiply(BigDecimal.valueOf(c.getValue()))
                        .divide(BigDecimal.valueOf(12), EXACT);
                total = total.add(amount);
                items.add(new BasisItem("child-months in " + c.getKey().label() + " (" + c.getKey() + ")", e.childRef(),
                        c.getValue() + "/12 year", rate, amount.setScale(0, RoundingMode.HALF_UP).longValueExact(),
                        List.copyOf(ids)));
                trace.add("child " + e.childRef() + ": " + c.getValue() + " month(s) in " + c.getKey() + " × " + rate
                        + " / 12 = " + amount.setScale(2, RoundingMode.HALF_UP).toPlainString() + " fen");
            }
        }
        return total;
    }

    private static long rate(SubsidyPolicy.Parameters p, ClassType type) {
        Long specific = p.ratesPerChildYearFen().get(type.name());
        if (specific != null) {
            return specific;
        }
        Long fallback = p.ratesPerChildYearFen().get("DEFAULT");
        return fallback == null ? 0 : fallback;
    }

    /** Construction subsidy: per place approved, for an institution whose filing was approved in the period. */
    private static BigDecimal construction(SubsidyPolicy policy, SubsidyFacts facts, LocalDate from, LocalDate to,
                                           List<BasisItem> items, List<String> trace, Violations refusals) {
        if (facts.filed == null || facts.filed.day().isBefore(from) || facts.filed.day().isAfter(to)) {
            refusals.add("filing", "NOT_ACCEPTED_IN_PERIOD", "the construction subsidy follows the acceptance (filing "
                    + "approval) within the period; approved " + (facts.filed == null ? "never" : "on " + facts.filed.day()));
            return BigDecimal.ZERO;
        }
        long perPlace = policy.parameters().perPlaceFen();
        BigDecimal amount = BigDecimal.valueOf(perPlace).multiply(BigDecimal.valueOf(facts.placesAtApproval));
        items.add(new BasisItem("places approved at acceptance", null, facts.placesAtApproval + " places", perPlace,
                amount.longValueExact(), facts.placeEventIds));
        trace.add(facts.placesAtApproval + " places × " + perPlace + " fen");
        return amount;
    }

    /** Demonstration award: a fixed amount by the designation's level, named by its document. */
    private static BigDecimal demonstration(SubsidyPolicy policy, SubsidyInputs inputs, List<BasisItem> items,
                                            List<String> trace, Violations refusals) {
        Long award = inputs.demonstrationLevel() == null ? null
                : policy.parameters().amountsByLevelFen().get(inputs.demonstrationLevel());
        if (award == null || inputs.designationReference() == null || inputs.designationReference().isBlank()) {
            refusals.add("inputs.demonstrationLevel", "NO_DESIGNATION", "a demonstration award needs a designation level "
                    + "the policy pays for " + policy.parameters().amountsByLevelFen().keySet() + " and its document");
            return BigDecimal.ZERO;
        }
        items.add(new BasisItem("demonstration designation (" + inputs.demonstrationLevel() + ")",
                inputs.designationReference(), "1", award, award, List.of()));
        trace.add("designation " + inputs.demonstrationLevel() + " by " + inputs.designationReference() + ": " + award + " fen");
        return BigDecimal.valueOf(award);
    }

    /**
     * Utilisation incentive: actual utilisation = attended child-days ÷ (places × days with an
     * attendance record) over the period; at or above the threshold earns the award.
     */
    private static BigDecimal utilisation(SubsidyPolicy policy, SubsidyFacts facts, LocalDate from, LocalDate to,
                                          List<BasisItem> items, List<String> trace, Violations refusals) {
        Set<LocalDate> operatingDays = new java.util.TreeSet<>();
        long attended = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (var child : facts.attendance.values()) {
            for (var d : child.subMap(from, true, to, true).entrySet()) {
                operatingDays.add(d.getKey());
                ids.add(d.getValue().eventId());
                if (d.getValue().present()) {
                    attended++;
                }
            }
        }
        long possible = (long) facts.placesNow() * operatingDays.size();
        BigDecimal ratio = possible == 0 ? BigDecimal.ZERO
                : BigDecimal.valueOf(attended).multiply(BigDecimal.valueOf(100)).divide(BigDecimal.valueOf(possible), EXACT);
        trace.add("utilisation " + attended + " attended child-days ÷ (" + facts.placesNow() + " places × "
                + operatingDays.size() + " days) = " + ratio.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%");
        if (ratio.compareTo(BigDecimal.valueOf(policy.parameters().thresholdPercent())) < 0) {
            refusals.add("utilisation", "BELOW_THRESHOLD", "actual utilisation " + ratio.setScale(2, RoundingMode.HALF_UP)
                    + "% is below " + policy.parameters().thresholdPercent() + "%");
            return BigDecimal.ZERO;
        }
        long award = policy.parameters().amountFen();
        items.add(new BasisItem("actual utilisation ≥ " + policy.parameters().thresholdPercent() + "%", null,
                ratio.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%", award, award, List.copyOf(ids)));
        return BigDecimal.valueOf(award);
    }

    /** Chain incentive: this institution and the others named are filed, in the same city, at least the policy's number. */
    private static BigDecimal chainIncentive(SubsidyPolicy policy, SubsidyFacts facts, List<ChainMember> chain,
                                             List<BasisItem> items, List<String> trace, Violations refusals) {
        String city = facts.division == null ? "" : facts.division.substring(0, 4);
        List<ChainMember> counted = chain.stream().filter(m -> m.filed() && m.division() != null
                && m.division().startsWith(city)).toList();
        int size = 1 + counted.size();
        trace.add("chain of " + size + " filed institution(s) in city " + city + " (" + chain.size() + " named)");
        if (size < policy.parameters().minChainSize()) {
            refusals.add("inputs.chainInstitutionIds", "CHAIN_TOO_SMALL", "a chain of " + size + " filed institution(s) in "
                    + "the city; the policy requires " + policy.parameters().minChainSize());
            return BigDecimal.ZERO;
        }
        long award = policy.parameters().amountFen();
        items.add(new BasisItem("chain of filed institutions in the city", String.join(",",
                counted.stream().map(ChainMember::institutionId).toList()), size + " institutions", award, award,
                counted.stream().map(ChainMember::eventId).toList()));
        return BigDecimal.valueOf(award);
    }

    /** Rent reduction: min(leased area, places × area per place) × rate × min(lease months, counted months). */
    private static BigDecimal rent(SubsidyPolicy policy, SubsidyFacts facts, SubsidyInputs inputs, int countedMonths,
                                   List<BasisItem> items, List<String> trace, Violations refusals) {
        if (inputs.floorAreaSquareMetres() == null || inputs.leaseMonths() == null || inputs.floorAreaSquareMetres() <= 0
                || inputs.leaseMonths() <= 0) {
            refusals.add("inputs.floorAreaSquareMetres", "LEASE_REQUIRED", "a rent reduction needs the leased floor area and lease months");
            return BigDecimal.ZERO;
        }
        SubsidyPolicy.Parameters p = policy.parameters();
        long area = Math.min(inputs.floorAreaSquareMetres(), (long) facts.placesNow() * p.maxSquareMetresPerPlace());
        long monthsCounted = Math.min(inputs.leaseMonths(), countedMonths);
        BigDecimal amount = BigDecimal.valueOf(area).multiply(BigDecimal.valueOf(p.rentFenPerSquareMetreMonth()))
                .multiply(BigDecimal.valueOf(monthsCounted));
        trace.add("area min(" + inputs.floorAreaSquareMetres() + ", " + facts.placesNow() + " places × "
                + p.maxSquareMetresPerPlace() + ") = " + area + " m² × " + p.rentFenPerSquareMetreMonth() + " fen × "
                + monthsCounted + " month(s)");
        items.add(new BasisItem("leased area counted", null, area + " m² × " + monthsCounted + " months",
                p.rentFenPerSquareMetreMonth(), amount.longValueExact(), facts.placeEventIds));
        return amount;
    }

    static List<YearMonth> months(LocalDate from, LocalDate to) {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth m = YearMonth.from(from); !m.isAfter(YearMonth.from(to)); m = m.plusMonths(1)) {
            months.add(m);
        }
        return months;
    }

    private static LocalDate max(LocalDate a, LocalDate b) {
        return a.isAfter(b) ? a : b;
    }

    private static LocalDate min(LocalDate a, LocalDate b) {
        return a.isBefore(b) ? a : b;
    }
}
