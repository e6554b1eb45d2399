package org.careledger.command.enrolment;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.careledger.kernel.value.Divisions;
import org.careledger.kernel.value.FilingArea;
import org.careledger.kernel.value.LocalZone;
import org.careledger.kernel.value.LocalZones;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Enrolment policies from configuration ({@code careledger.enrolment.policies}): each names the
 * jurisdiction it applies to (a division-code prefix; empty for the national default), optionally a
 * configured local zone inside it ({@code careledger.zones}), the day it takes effect and its source.
 * A zone's policy applies only to institutions filed in that zone and takes precedence over every
 * policy of a division (docs/domain.md, rule F7). Otherwise the most specific jurisdiction wins; then
 * the latest policy already in effect. {@code records-before-filing-allowed} (default false)
 * is for bringing an existing register and its history in ({@link EnrolmentPolicies#recordsBeforeFilingAllowed}).
 */
@ConfigurationProperties("careledger.enrolment")
public record ConfiguredEnrolmentPolicies(List<Policy> policies, boolean recordsBeforeFilingAllowed)
        implements EnrolmentPolicies {

    /** Entry checks are valid this long when no policy says otherwise. */
    static final int DEFAULT_ENTRY_CHECK_VALID_MONTHS = 3;

    /**
     * @param jurisdiction          division-code prefix ("" = everywhere)
     * @param zone                  a configured local zone inside the jurisdiction; absent = the whole jurisdiction
     * @param prepaidMonthsCap      cap on months paid in advance; absent = uncapped
     * @param entryCheckValidMonths validity of an entry check before the start; absent = 3
     */
    public record Policy(String id, String jurisdiction, String zone, LocalDate effectiveFrom, Integer prepaidMonthsCap,
                         Integer entryCheckValidMonths, String source) {

        /** A policy of a whole jurisdiction. */
        public Policy(String id, String jurisdiction, LocalDate effectiveFrom, Integer prepaidMonthsCap,
                      Integer entryCheckValidMonths, String source) {
            this(id, jurisdiction, null, effectiveFrom, prepaidMonthsCap, entryCheckValidMonths, source);
        }

        @org.springframework.boot.context.properties.bind.ConstructorBinding
        public Policy {
            jurisdiction = jurisdiction == null ? "" : jurisdiction.strip();
            zone = zone == null || zone.isBlank() ? null : zone.strip();
            if (id == null || id.isBlank() || effectiveFrom == null) {
                throw new IllegalArgumentException("an enrolment policy needs an id and effectiveFrom");
            }
            if (!jurisdiction.matches("\\d{0,6}")) {
                throw new IllegalArgumentException("enrolment policy " + id + ": jurisdiction must be a division-code prefix");
            }
            // as for subsidy policies: a province (2 digits), city (4) or county (6) on the official list
            if (!jurisdiction.isEmpty() && !Divisions.official().containsJurisdiction(jurisdiction)) {
                throw new IllegalArgumentException("enrolment policy " + id + " names jurisdiction '" + jurisdiction
                        + "', which is not a division on the official list (GB/T 2260, shared-kernel divisions/)");
            }
        }
    }

    /** The policies, with records before a filing's approval refused. */
    public ConfiguredEnrolmentPolicies(List<Policy> policies) {
        this(policies, false);
    }

    @org.springframework.boot.context.properties.bind.ConstructorBinding
    public ConfiguredEnrolmentPolicies {
        policies = policies == null ? List.of() : List.copyOf(policies);
    }

    /**
     * Checks at start that every zone a policy names is configured and lies inside the policy's
     * jurisdiction; throws IllegalStateException naming the policy and the zone otherwise.
     */
    public void checkZones(LocalZones zones) {
        for (Policy p : policies) {
            if (p.zone() == null) {
                continue;
            }
            LocalZone zone = zones.find(p.zone()).orElseThrow(() -> new IllegalStateException("enrolment policy " + p.id()
                    + " names zone '" + p.zone() + "', which is not configured under careledger.zones"));
            if (p.jurisdiction().isEmpty() || !zone.divisions().stream().allMatch(d -> d.startsWith(p.jurisdiction()))) {
                throw new IllegalStateException("enrolment policy " + p.id() + " names zone " + p.zone()
                        + ", which does not lie inside its jurisdiction '" + p.jurisdiction() + "'");
            }
        }
    }

    @Override
    public EnrolmentPolicy at(FilingArea area, LocalDate day) {
        return policies.stream()
                .filter(p -> area.division().value().startsWith(p.jurisdiction()) && !p.effectiveFrom().isAfter(day)
                        && (p.zone() == null || p.zone().equals(area.zone())))
                .max(Comparator.comparing((Policy p) -> p.zone() != null)
                        .thenComparingInt((Policy p) -> p.jurisdiction().length()).thenComparing(Policy::effectiveFrom))
                .map(p -> new EnrolmentPolicy(p.id(), p.prepaidMonthsCap(),
                        p.entryCheckValidMonths() == null ? DEFAULT_ENTRY_CHECK_VALID_MONTHS : p.entryCheckValidMonths(),
                        p.source()))
                .orElse(new EnrolmentPolicy("national-default", null, DEFAULT_ENTRY_CHECK_VALID_MONTHS,
                        "no local policy configured"));
    }
}
