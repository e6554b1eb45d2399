package org.careledger.kernel.enrolment;

/** Why an enrolment ended. */
public enum EnrolmentEndReason {
    /** The family withdrew the child (退托). */
    WITHDRAWN,
    /** The service contract's period ran out. */
    CONTRACT_ENDED,
    /** The child reached 36 months: childcare for under-threes ends (automatic). */
    AGED_OUT
}
