package org.careledger.command.subsidy;

import java.math.BigDecimal;
import java.math.BigInteger;
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
            excluded.forEach((m, why) -> trace.add("month " + m + " does not count: " + why
                    + childrenEnrolledIn(facts, m, from, to)));
        }
        if (policy.requiresPuhui() && (monthly ? months.stream().noneMatch(m -> puhuiAllMonth(facts, m, from, to))
                : !facts.puhuiOn(to))) {
            refusals.add("puhui", "NOT_PUHUI", "policy " + policy.policyId() + " requires 普惠 status, which the "
                    + "institution did not hold " + (monthly ? "for a whole month of the period" : "at the period's end"));
        }

        if (monthly) {
            trace.add(policy.partialMonthRule() == SubsidyPolicy.PartialMonth.BY_DAYS
                    ? "a month partly inside the period or the enrolment counts by its days (BY_DAYS): days ÷ days of that month"
                    : "a month counts whole or not at all (WHOLE_MONTH)");
        }
        trace.add("each item is rounded once (" + policy.rounding() + "); the decision is the sum of the items");
        switch (policy.kind()) {
            case OPERATING -> operating(policy, facts, months, excluded, from, to, items, trace);
            case CONSTRUCTION -> construction(policy, facts, from, to, items, trace, refusals);
            case DEMONSTRATION -> demonstration(policy, inputs, items, trace, refusals);
            case UTILISATION_INCENTIVE -> utilisation(policy, facts, from, to, items, trace, refusals);
            case CHAIN_INCENTIVE -> chainIncentive(policy, facts, chain, items, trace, refusals);
            case RENT_REDUCTION -> rent(policy, facts, inputs, months, excluded, from, to, items, trace, refusals);
        }
        if (!refusals.isEmpty()) {
            throw new DomainException(ErrorCode.SUBSIDY_NOT_ELIGIBLE, refusals.list().size()
                    + " eligibility rule(s) failed under policy " + policy.policyId() + " v" + policy.version(),
                    refusals.list());
        }
        long amount = 0;
        for (BasisItem item : items) {
            amount = Math.addExact(amount, item.amountFen());
        }
        trace.add("total: the sum of " + items.size() + " item(s) = " + amount + " fen ("
                + BigDecimal.valueOf(amount).movePointLeft(2).toPlainString() + " yuan)");
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

    /** Least common multiple of the month lengths 28, 29, 30 and 31: fractions of months stay exact. */
    static final long MONTH_LCM = 377_580;

    /** The month's share counted for {@code days} of it: days × (LCM ÷ days in month), in LCM units. */
    private static long share(YearMonth m, long days, SubsidyPolicy policy) {
        return policy.partialMonthRule() == SubsidyPolicy.PartialMonth.BY_DAYS
                ? days * (MONTH_LCM / m.lengthOfMonth()) : MONTH_LCM;
    }

    /** "3 + 1/30 months" style text of counted month parts. */
    private static String describeMonths(int whole, List<String> parts) {
        List<String> all = new ArrayList<>();
        if (whole > 0 || parts.isEmpty()) {
            all.add(String.valueOf(whole));
        }
        all.addAll(parts);
        return String.join(" + ", all) + " month(s)";
    }

    /** An exact fraction of fen as text, reduced ("5000/9 fen", or "2000 fen" when whole). */
    static String fen(BigInteger numerator, BigInteger denominator) {
        BigInteger g = numerator.gcd(denominator);
        if (g.signum() == 0) {
            return "0 fen";
        }
        BigInteger n = numerator.divide(g);
        BigInteger d = denominator.divide(g);
        return (d.equals(BigInteger.ONE) ? n.toString() : n + "/" + d) + " fen";
    }

    /** Names the enrolled children whose days in the month are not counted (rule S6). */
    private static String childrenEnrolledIn(SubsidyFacts facts, YearMonth m, LocalDate from, LocalDate to) {
        List<String> children = new ArrayList<>();
        for (SubsidyFacts.Enrolment e : facts.enrolments.values()) {
            LocalDate first = max(max(m.atDay(1), from), e.startsOn());
            LocalDate last = min(min(m.atEndOfMonth(), to), e.lastDay());
            if (!last.isBefore(first)) {
                children.add(e.childRef());
            }
        }
        return children.isEmpty() ? "" : "; children not counted for it: " + String.join(", ", children);
    }

    /**
     * Operating subsidy: for each enrolled child and each counted month, the yearly rate of the
     * child's class type on its last enrolled day of that month, divided by 12; a partial month
     * by the policy's rule. A month counts when the child was enrolled and present on at least the
     * policy's numbers of days in it. One item per child and class type, rounded once; a child who
     * does not count for a month is named in the trace with the reason (rule S6).
     */
    private static void operating(SubsidyPolicy policy, SubsidyFacts facts, List<YearMonth> months,
                                  Map<YearMonth, String> excluded, LocalDate from, LocalDate to,
                                  List<BasisItem> items, List<String> trace) {
        SubsidyPolicy.Parameters p = policy.parameters();
        trace.add("rate per child and year: " + p.ratesPerChildYearFen() + " fen; a month counts with ≥ "
                + p.minEnrolledDaysPerMonth() + " enrolled and ≥ " + p.minAttendedDaysPerMonth() + " attended days");
        for (SubsidyFacts.Enrolment e : facts.enrolments.values()) {
            if (e.lastDay().isBefore(from) || e.startsOn().isAfter(to)) {
                continue;   // not enrolled in the period at all
            }
            Map<ClassType, long[]> shares = new LinkedHashMap<>();     // class type -> {share in LCM units, whole months}
            Map<ClassType, List<String>> parts = new LinkedHashMap<>();
            Set<String> ids = new LinkedHashSet<>(e.eventIds());
            for (YearMonth m : months) {
                if (excluded.containsKey(m)) {
                    continue;
                }
                LocalDate first = max(max(m.atDay(1), from), e.startsOn());
                LocalDate last = min(min(m.atEndOfMonth(), to), e.lastDay());
                if (last.isBefore(first)) {
                    trace.add("child " + e.childRef() + ", month " + m + ": does not count, not enrolled in it");
                    continue;
                }
                int enrolledDays = (int) (last.toEpochDay() - first.toEpochDay() + 1);
                var days = facts.attendance.getOrDefault(e.childRef(), new java.util.TreeMap<>()).subMap(first, true, last, true);
                List<String> presentIds = days.values().stream().filter(SubsidyFacts.Presence::present)
                        .map(SubsidyFacts.Presence::eventId).toList();
                if (enrolledDays < p.minEnrolledDaysPerMonth()) {
                    trace.add("child " + e.childRef() + ", month " + m + ": does not count, enrolled " + enrolledDays
                            + " day(s), the policy's minimum is " + p.minEnrolledDaysPerMonth());
                    continue;
                }
                if (presentIds.size() < p.minAttendedDaysPerMonth()) {
                    trace.add("child " + e.childRef() + ", month " + m + ": does not count, attended " + presentIds.size()
                            + " day(s), the policy's minimum is " + p.minAttendedDaysPerMonth());
                    continue;
                }
                if (p.minAttendedDaysPerMonth() > 0) {
                    ids.addAll(presentIds);
                }
                ClassType type = e.classOn(last);
                long share = share(m, enrolledDays, policy);
                long[] sum = shares.computeIfAbsent(type, k -> new long[2]);
                sum[0] += share;
                if (share == MONTH_LCM) {
                    sum[1]++;
                } else {
                    parts.computeIfAbsent(type, k -> new ArrayList<>()).add(enrolledDays + "/" + m.lengthOfMonth()
                            + " (" + m + ")");
                }
            }
            for (Map.Entry<ClassType, long[]> c : shares.entrySet()) {
                long rate = rate(p, c.getKey());
                BigInteger numerator = BigInteger.valueOf(rate).multiply(BigInteger.valueOf(c.getValue()[0]));
                BigInteger denominator = BigInteger.valueOf(12 * MONTH_LCM);
                long amount = policy.rounding().apply(numerator, denominator);
                List<String> partial = parts.getOrDefault(c.getKey(), List.of());
                String quantity = partial.isEmpty() ? c.getValue()[1] + "/12 year"
                        : describeMonths((int) c.getValue()[1], partial) + " / 12 year";
                items.add(new BasisItem("child-months in " + c.getKey().label() + " (" + c.getKey() + ")", e.childRef(),
                        quantity, rate, amount, List.copyOf(ids)));
                trace.add("child " + e.childRef() + ": " + quantity + " in " + c.getKey() + " × " + rate + " fen = "
                        + fen(numerator, denominator) + ", rounded " + policy.rounding() + " = " + amount + " fen");
            }
        }
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
    private static void construction(SubsidyPolicy policy, SubsidyFacts facts, LocalDate from, LocalDate to,
                                     List<BasisItem> items, List<String> trace, Violations refusals) {
        if (facts.filed == null || facts.filed.day().isBefore(from) || facts.filed.day().isAfter(to)) {
            refusals.add("filing", "NOT_ACCEPTED_IN_PERIOD", "the construction subsidy follows the acceptance (filing "
                    + "approval) within the period; approved " + (facts.filed == null ? "never" : "on " + facts.filed.day()));
            return;
        }
        long perPlace = policy.parameters().perPlaceFen();
        long amount = policy.rounding().apply(BigInteger.valueOf(perPlace).multiply(BigInteger.valueOf(facts.placesAtApproval)),
                BigInteger.ONE);
        items.add(new BasisItem("places approved at acceptance", null, facts.placesAtApproval + " places", perPlace,
                amount, facts.placeEventIds));
        trace.add(facts.placesAtApproval + " places × " + perPlace + " fen = " + amount + " fen");
    }

    /** Demonstration award: a fixed amount by the designation's level, named by its document. */
    private static void demonstration(SubsidyPolicy policy, SubsidyInputs inputs, List<BasisItem> items,
                                      List<String> trace, Violations refusals) {
        Long award = inputs.demonstrationLevel() == null ? null
                : policy.parameters().amountsByLevelFen().get(inputs.demonstrationLevel());
        if (award == null || inputs.designationReference() == null || inputs.designationReference().isBlank()) {
            refusals.add("inputs.demonstrationLevel", "NO_DESIGNATION", "a demonstration award needs a designation level "
                    + "the policy pays for " + policy.parameters().amountsByLevelFen().keySet() + " and its document");
            return;
        }
        items.add(new BasisItem("demonstration designation (" + inputs.demonstrationLevel() + ")",
                inputs.designationReference(), "1", award, award, List.of()));
        trace.add("designation " + inputs.demonstrationLevel() + " by " + inputs.designationReference() + ": " + award + " fen");
    }

    /**
     * Utilisation incentive: actual utilisation = attended child-days ÷ (places × days with an
     * attendance record) over the period; at or above the threshold earns the award.
     */
    private static void utilisation(SubsidyPolicy policy, SubsidyFacts facts, LocalDate from, LocalDate to,
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
            return;
        }
        long award = policy.parameters().amountFen();
        items.add(new BasisItem("actual utilisation ≥ " + policy.parameters().thresholdPercent() + "%", null,
                ratio.setScale(2, RoundingMode.HALF_UP).toPlainString() + "%", award, award, List.copyOf(ids)));
    }

    /** Chain incentive: this institution and the others named are filed, in the same city, at least the policy's number. */
    private static void chainIncentive(SubsidyPolicy policy, SubsidyFacts facts, List<ChainMember> chain,
                                       List<BasisItem> items, List<String> trace, Violations refusals) {
        String city = facts.division == null ? "" : facts.division.substring(0, 4);
        List<ChainMember> counted = chain.stream().filter(m -> m.filed() && m.division() != null
                && m.division().startsWith(city)).toList();
        int size = 1 + counted.size();
        trace.add("chain of " + size + " filed institution(s) in city " + city + " (" + chain.size() + " named)");
        if (size < policy.parameters().minChainSize()) {
            refusals.add("inputs.chainInstitutionIds", "CHAIN_TOO_SMALL", "a chain of " + size + " filed institution(s) in "
                    + "the city; the policy requires " + policy.parameters().minChainSize());
            return;
        }
        long award = policy.parameters().amountFen();
        items.add(new BasisItem("chain of filed institutions in the city", String.join(",",
                counted.stream().map(ChainMember::institutionId).toList()), size + " institutions", award, award,
                counted.stream().map(ChainMember::eventId).toList()));
    }

    /**
     * Rent reduction: min(leased area, places × area per place) × rate × min(lease months, counted
     * months); a partial month counts by the policy's rule.
     */
    private static void rent(SubsidyPolicy policy, SubsidyFacts facts, SubsidyInputs inputs, List<YearMonth> months,
                             Map<YearMonth, String> excluded, LocalDate from, LocalDate to, List<BasisItem> items,
                             List<String> trace, Violations refusals) {
        if (inputs.floorAreaSquareMetres() == null || inputs.leaseMonths() == null || inputs.floorAreaSquareMetres() <= 0
                || inputs.leaseMonths() <= 0) {
            refusals.add("inputs.floorAreaSquareMetres", "LEASE_REQUIRED", "a rent reduction needs the leased floor area and lease months");
            return;
        }
        SubsidyPolicy.Parameters p = policy.parameters();
        long area = Math.min(inputs.floorAreaSquareMetres(), (long) facts.placesNow() * p.maxSquareMetresPerPlace());
        long share = 0;
        int whole = 0;
        List<String> parts = new ArrayList<>();
        for (YearMonth m : months) {
            if (excluded.containsKey(m)) {
                continue;
            }
            long days = min(m.atEndOfMonth(), to).toEpochDay() - max(m.atDay(1), from).toEpochDay() + 1;
            long s = share(m, days, policy);
            share += s;
            if (s == MONTH_LCM) {
                whole++;
            } else {
                parts.add(days + "/" + m.lengthOfMonth() + " (" + m + ")");
            }
        }
        long cap = inputs.leaseMonths() * MONTH_LCM;
        String counted = share > cap ? inputs.leaseMonths() + " lease month(s)" : describeMonths(whole, parts);
        share = Math.min(share, cap);
        BigInteger numerator = BigInteger.valueOf(area).multiply(BigInteger.valueOf(p.rentFenPerSquareMetreMonth()))
                .multiply(BigInteger.valueOf(share));
        BigInteger denominator = BigInteger.valueOf(MONTH_LCM);
        long amount = policy.rounding().apply(numerator, denominator);
        trace.add("area min(" + inputs.floorAreaSquareMetres() + ", " + facts.placesNow() + " places × "
                + p.maxSquareMetresPerPlace() + ") = " + area + " m² × " + p.rentFenPerSquareMetreMonth() + " fen × "
                + counted + " = " + fen(numerator, denominator) + ", rounded " + policy.rounding() + " = " + amount + " fen");
        items.add(new BasisItem("leased area counted", null, area + " m² × " + counted,
                p.rentFenPerSquareMetreMonth(), amount, facts.placeEventIds));
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
