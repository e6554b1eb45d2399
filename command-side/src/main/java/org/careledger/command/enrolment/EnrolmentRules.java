package org.careledger.command.enrolment;

import java.time.LocalDate;

import org.careledger.kernel.child.ChildAge;
import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.rule.Rule;
import org.careledger.kernel.standard.ClassStandard;
import org.careledger.kernel.standard.FamilyCarePointStandard;
import org.careledger.kernel.stereotype.BusinessRule;
import org.careledger.kernel.value.ClassType;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;

/** The named enrolment rules of docs/domain.md (A2, A3, C2, C3, E1–E4, F2); each cites its source. */
@BusinessRule
final class EnrolmentRules {

    private static final String FILING_RULES = "《托育机构登记和备案办法（试行）》";
    private static final String MANAGEMENT_RULES = "《托育机构管理规范（试行）》 (2019)";
    private static final String CONTRACT = "project decision: a contract's period and prepayment are coherent";

    /** A child of an age placed in a class type on a day. */
    record Placement(ClassType classType, ChildAge age, LocalDate on) {
    }

    /** A class's places and the children enrolled in it. */
    record Occupancy(int places, int enrolled) {
    }

    /** An institution of a type and the children enrolled in it. */
    record Headcount(InstitutionType type, int enrolled) {
    }

    /** A contract under the jurisdiction's enrolment policy. */
    record ContractUnderPolicy(ServiceContract contract, EnrolmentPolicies.EnrolmentPolicy policy) {
    }

    /** A contract and the day the institution's filing was first approved (null before). */
    record ContractAfterFiling(ServiceContract contract, LocalDate filedOn) {
    }

    /** A child's entry check against the start of care, under the jurisdiction's policy. */
    record EntryCheck(ChildDirectory.ChildFacts child, LocalDate startsOn, EnrolmentPolicies.EnrolmentPolicy policy) {
    }

    /** E1: only a filed institution that is not suspended enrols children (备案 is the condition of operating). */
    static final Rule<FilingStatus> INSTITUTION_FILED_AND_NOT_SUSPENDED = status -> status == FilingStatus.FILED
            ? Rule.holds()
            : Rule.refuse(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN, FILING_RULES,
                    "The institution's filing is " + status + "; only a filed institution may enrol children");

    /**
     * A2 and A3: the child's age on the day fits the class type's band (lower bounds inclusive,
     * upper exclusive, completed months counted to the day, rule A1), and is under 36 months.
     */
    static final Rule<Placement> CHILD_AGE_FITS_CLASS_TYPE = p -> {
        if (p.age().hasReached(ChildAge.LIMIT_MONTHS, p.on())) {
            return Rule.refuse(ErrorCode.CHILD_OVER_AGE_LIMIT, ClassStandard.SOURCE, "The child is "
                    + p.age().describeOn(p.on()) + " old on " + p.on() + "; childcare here is for children under 36 months");
        }
        ClassStandard band = ClassStandard.of(p.classType());
        if (!p.age().hasReached(band.fromMonths(), p.on()) || p.age().hasReached(band.untilMonths(), p.on())) {
            return Rule.refuse(ErrorCode.AGE_OUTSIDE_CLASS_BAND, ClassStandard.SOURCE, "A " + p.classType().label()
                    + " takes children from " + band.fromMonths() + " to under " + band.untilMonths()
                    + " months; the child is " + p.age().describeOn(p.on()) + " old on " + p.on());
        }
        return Rule.holds();
    };

    /** C2: a class takes no more children than its approved places. */
    static final Rule<Occupancy> CLASS_HAS_A_FREE_PLACE = o -> o.enrolled() < o.places()
            ? Rule.holds()
            : Rule.refuse(ErrorCode.CLASS_FULL, FILING_RULES + " (the filed places)",
                    "The class's " + o.places() + " places are all taken");

    /** C3: a family care point (家庭托育点) looks after at most 5 children. */
    static final Rule<Headcount> FAMILY_CARE_POINT_TAKES_AT_MOST_FIVE = h ->
            h.type() == InstitutionType.FAMILY_CARE_POINT && h.enrolled() >= FamilyCarePointStandard.MAXIMUM_CHILDREN
                    ? Rule.refuse(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED, FamilyCarePointStandard.SOURCE,
                            "A family care point looks after at most " + FamilyCarePointStandard.MAXIMUM_CHILDREN + " children")
                    : Rule.holds();

    /** E4: a one-off prepayment may not exceed the jurisdiction's cap (e.g. 3 months, 郑东新区). */
    static final Rule<ContractUnderPolicy> PREPAYMENT_WITHIN_CAP = c -> {
        EnrolmentPolicies.EnrolmentPolicy policy = c.policy();
        if (policy.prepaidMonthsCap() != null && c.contract().prepaidMonths() > policy.prepaidMonthsCap()) {
            return Rule.refuse(ErrorCode.PREPAYMENT_EXCEEDS_CAP, policy.source(), "The contract collects "
                    + c.contract().prepaidMonths() + " months in advance; policy " + policy.id() + " (" + policy.source()
                    + ") allows at most " + policy.prepaidMonthsCap());
        }
        return Rule.holds();
    };

    /**
     * E3: an entry health check (入托体检) is required before enrolment: not after the start, not
     * older than the policy's validity, and not rated unfit.
     */
    static final Rule<EntryCheck> VALID_ENTRY_CHECK_ON_RECORD = e -> {
        LocalDate checked = e.child().entryCheckOn();
        if (checked == null) {
            return Rule.refuse(ErrorCode.ENTRY_HEALTH_CHECK_MISSING, MANAGEMENT_RULES,
                    "The child has no entry health check on record");
        }
        int validMonths = e.policy().entryCheckValidMonths();
        if (checked.isAfter(e.startsOn()) || checked.isBefore(e.startsOn().minusMonths(validMonths))) {
            return Rule.refuse(ErrorCode.ENTRY_HEALTH_CHECK_MISSING, MANAGEMENT_RULES, "The entry check of " + checked
                    + " is not valid for a start on " + e.startsOn() + " (valid " + validMonths + " months before the start)");
        }
        if (e.child().entryCheckResult() == HealthOutcome.UNFIT) {
            return Rule.refuse(ErrorCode.ENTRY_HEALTH_CHECK_MISSING, MANAGEMENT_RULES,
                    "The latest entry check rated the child unfit for childcare");
        }
        return Rule.holds();
    };

    /**
     * F2: a contract does not start before the institution's filing was approved. Attendance days
     * follow, since attendance is recorded only for children enrolled on the day.
     */
    static final Rule<ContractAfterFiling> CONTRACT_STARTS_ON_OR_AFTER_FILING = c -> {
        LocalDate startsOn = c.contract().startsOn();
        if (c.filedOn() != null && startsOn != null && startsOn.isBefore(c.filedOn())) {
            return Rule.refuse(ErrorCode.BEFORE_FILING_APPROVAL, FILING_RULES, "The contract starts on " + startsOn
                    + ", before the institution's filing was approved on " + c.filedOn());
        }
        return Rule.holds();
    };

    /** The contract's period: start on or before its end, not a negative prepayment. */
    static final Rule<ServiceContract> CONTRACT_IS_COHERENT = contract -> {
        if (contract.startsOn() == null || contract.endsOn() == null || contract.endsOn().isBefore(contract.startsOn())) {
            return Rule.refuse(ErrorCode.INVALID_INPUT, CONTRACT, "The contract's period must start on or before its end");
        }
        if (contract.prepaidMonths() < 0) {
            return Rule.refuse(ErrorCode.INVALID_INPUT, CONTRACT, "prepaidMonths cannot be negative");
        }
        return Rule.holds();
    };

    private EnrolmentRules() {
    }
}
