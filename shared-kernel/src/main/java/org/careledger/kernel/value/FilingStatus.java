package org.careledger.kernel.value;

/** The filing lifecycle of DOMAIN.md: submitted → filed → suspended / revoked / deregistered. */
public enum FilingStatus {
    SUBMITTED,
    REJECTED,
    FILED,
    SUSPENDED,
    REVOKED,
    DEREGISTERED
}
