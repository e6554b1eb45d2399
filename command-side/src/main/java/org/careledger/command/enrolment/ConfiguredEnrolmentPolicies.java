package org.careledger.command.enrolment;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;

import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Divisions;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Enrolment policies from configuration ({@code careledger.enrolment.policies}): each names the
 * jurisdiction it applies to (a division-code prefix; empty for the national default), the day it
 * takes effect and its source. For a division and a day the most specific jurisdiction wins, and
 * within it the latest policy already in effect. {@code records-before-filing-allowed} (default false)
 * is for bringing an existing register and its history in ({@link EnrolmentPolicies#recordsBeforeFilingAllowed}).
 */
@ConfigurationProperties("careledger.enrolment")
public record ConfiguredEnrolmentPolicies(List<Policy> policies, boolean recordsBeforeFilingAllowed)
        implements EnrolmentPolicies {

    /** Entry checks are valid this long when no policy says otherwise. */
    static final int DEFAULT_ENTRY_CHECK_VALID_MONTHS = 3;

    /**
     * @param jurisdiction          division-code prefix ("" = everywhere)
     * @param prepaidMonthsCap      cap on months paid in advance; absent = uncapped
     * @param entryCheckValidMonths validity of an entry check before the start; absent = 3
     */
    public record Policy(String id, String jurisdiction, LocalDate effectiveFrom, Integer prepaidMonthsCap,
                         Integer entryCheckValidMonths, String source) {

        public Policy {
            jurisdiction = jurisdiction == null ? "" : jurisdiction.strip();
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

    @Override
    public EnrolmentPolicy at(DivisionCode division, LocalDate day) {
        return policies.stream()
                .filter(p -> division.value().startsWith(p.jurisdiction()) && !p.effectiveFrom().isAfter(day))
                .max(Comparator.comparingInt((Policy p) -> p.jurisdiction().length()).thenComparing(Policy::effectiveFrom))
                .map(p -> new EnrolmentPolicy(p.id(), p.prepaidMonthsCap(),
                        p.entryCheckValidMonths() == null ? DEFAULT_ENTRY_CHECK_VALID_MONTHS : p.entryCheckValidMonths(),
                        p.source()))
                .orElse(new EnrolmentPolicy("national-default", null, DEFAULT_ENTRY_CHECK_VALID_MONTHS,
                        "no local policy configured"));
    }
}
