package org.careledger.command.subsidy;

import java.time.LocalDate;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.rule.Rule;
import org.careledger.kernel.stereotype.BusinessRule;
import org.careledger.kernel.subsidy.SubsidyKind;

/**
 * The rules an application for a subsidy case meets before it is computed. Eligibility itself
 * (rule S10) is judged by {@link SubsidyEngine}, which lists every failing rule at once.
 */
@BusinessRule
final class SubsidyRules {

    /** A period applied for under a policy. */
    record PolicyPeriod(SubsidyPolicy policy, LocalDate from, LocalDate to) {
    }

    /**
     * S3: under a policy that counts months whole, a monthly kind's period is whole calendar
     * months, so no month is split between two cases and counted whole in both.
     */
    static final Rule<PolicyPeriod> WHOLE_MONTHS_UNDER_A_WHOLE_MONTH_POLICY = p -> {
        SubsidyPolicy policy = p.policy();
        boolean monthly = policy.kind() == SubsidyKind.OPERATING || policy.kind() == SubsidyKind.RENT_REDUCTION;
        if (monthly && policy.partialMonthRule() == SubsidyPolicy.PartialMonth.WHOLE_MONTH
                && (p.from().getDayOfMonth() != 1 || !p.to().equals(p.to().withDayOfMonth(p.to().lengthOfMonth())))) {
            return Rule.refuse(ErrorCode.INVALID_INPUT, policy.source(), "Policy " + policy.policyId() + " v"
                    + policy.version() + " counts whole months (WHOLE_MONTH): the period must start on a month's first"
                    + " day and end on a month's last day");
        }
        return Rule.holds();
    };

    private SubsidyRules() {
    }
}
