package org.careledger.command.filing;

import java.time.LocalDate;

import org.careledger.kernel.child.HealthOutcome;
import org.careledger.kernel.enrolment.ServiceContract;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.FilingStatus;
import org.careledger.kernel.value.InstitutionType;

/** The named enrolment rules other than age bands ({@link AgeBandPolicy}); each cites its source. */
final class EnrolmentRules {

    private EnrolmentRules() {
    }

    /** Only a filed institution that is not suspended enrols children (备案 is the condition of operating). */
    static void institutionFiledAndNotSuspended(FilingStatus status) {
        if (status != FilingStatus.FILED) {
            throw new DomainException(ErrorCode.INSTITUTION_NOT_ACCEPTING_CHILDREN,
                    "The institution's filing is " + status + "; only a filed institution may enrol children");
        }
    }

    /** A class takes no more children than its approved places. */
    static void classHasAFreePlace(int places, int enrolled) {
        if (enrolled >= places) {
            throw new DomainException(ErrorCode.CLASS_FULL,
                    "The class's " + places + " places are all taken");
        }
    }

    /** A family care point (家庭托育点) looks after at most 5 children (national rules, 2023). */
    static void familyCarePointTakesAtMostFive(InstitutionType type, int enrolledInInstitution) {
        if (type == InstitutionType.FAMILY_CARE_POINT && enrolledInInstitution >= FamilyCarePointPolicy.MAXIMUM_CHILDREN) {
            throw new DomainException(ErrorCode.FAMILY_CARE_POINT_CAPACITY_EXCEEDED,
                    "A family care point looks after at most " + FamilyCarePointPolicy.MAXIMUM_CHILDREN + " children");
        }
    }

    /** One-off prepayment may not exceed the jurisdiction's cap (e.g. 3 months, 郑东新区). */
    static void prepaymentWithinCap(ServiceContract contract, EnrolmentPolicies.EnrolmentPolicy policy) {
        if (policy.prepaidMonthsCap() != null && contract.prepaidMonths() > policy.prepaidMonthsCap()) {
            throw new DomainException(ErrorCode.PREPAYMENT_EXCEEDS_CAP, "The contract collects " + contract.prepaidMonths()
                    + " months in advance; policy " + policy.id() + " (" + policy.source() + ") allows at most "
                    + policy.prepaidMonthsCap());
        }
    }

    /**
     * An entry health check (入托体检) is required before enrolment (《托育机构管理规范（试行）》, 2019):
     * not after the start, not older than the policy's validity, and not rated unfit.
     */
    static void validEntryCheckOnRecord(ChildDirectory.ChildFacts child, LocalDate startsOn,
                                        EnrolmentPolicies.EnrolmentPolicy policy) {
        LocalDate checked = child.entryCheckOn();
        if (checked == null) {
            throw new DomainException(ErrorCode.ENTRY_HEALTH_CHECK_MISSING, "The child has no entry health check on record");
        }
        if (checked.isAfter(startsOn) || checked.isBefore(startsOn.minusMonths(policy.entryCheckValidMonths()))) {
            throw new DomainException(ErrorCode.ENTRY_HEALTH_CHECK_MISSING, "The entry check of " + checked
                    + " is not valid for a start on " + startsOn + " (valid " + policy.entryCheckValidMonths()
                    + " months before the start)");
        }
        if (child.entryCheckResult() == HealthOutcome.UNFIT) {
            throw new DomainException(ErrorCode.ENTRY_HEALTH_CHECK_MISSING,
                    "The latest entry check rated the child unfit for childcare");
        }
    }

    /**
     * A contract does not start before the institution's filing was approved (docs/domain.md, rule
     * F2: 备案 is the condition of providing care, 《托育机构登记和备案办法（试行）》). Attendance
     * days follow, since attendance is recorded only for children enrolled on the day.
     */
    static void contractStartsOnOrAfterFiling(ServiceContract contract, LocalDate filedOn) {
        if (filedOn != null && contract.startsOn() != null && contract.startsOn().isBefore(filedOn)) {
            throw new DomainException(ErrorCode.BEFORE_FILING_APPROVAL, "The contract starts on " + contract.startsOn()
                    + ", before the institution's filing was approved on " + filedOn);
        }
    }

    /** The contract's period: start on or before its end, not a negative prepayment. */
    static void contractIsCoherent(ServiceContract contract) {
        if (contract.startsOn() == null || contract.endsOn() == null || contract.endsOn().isBefore(contract.startsOn())) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "The contract's period must start on or before its end");
        }
        if (contract.prepaidMonths() < 0) {
            throw new DomainException(ErrorCode.INVALID_INPUT, "prepaidMonths cannot be negative");
        }
    }
}
