package org.careledger.command.enrolment;

import java.time.LocalDate;

import org.careledger.kernel.value.FilingArea;

/**
 * Local enrolment policy (configuration per jurisdiction and effective date, never constants in
 * the engine): the prepayment cap of a service contract and how long an entry check stays valid.
 */
public interface EnrolmentPolicies {

    /**
     * The policy in force where the institution is filed on the day: a policy of its local zone
     * first, else the most specific jurisdiction; then the latest effective date (docs/domain.md, rule F7).
     */
    EnrolmentPolicy at(FilingArea area, LocalDate day);

    /**
     * Whether contracts and care records may be dated before the institution's filing approval
     * (docs/domain.md, rule F2). Refused by default; a deployment that brings an existing register
     * and its history into CareLedger (filings approved on paper before it ran, which are approved
     * again in CareLedger on the day they are brought in) switches it on for that period
     * ({@code careledger.enrolment.records-before-filing-allowed}).
     */
    default boolean recordsBeforeFilingAllowed() {
        return false;
    }

    /**
     * @param prepaidMonthsCap       most months a contract may collect in advance; null if uncapped
     * @param entryCheckValidMonths  an entry check older than this many months before the start does not count
     * @param source                 the policy document it comes from
     */
    record EnrolmentPolicy(String id, Integer prepaidMonthsCap, int entryCheckValidMonths, String source) {
    }
}
