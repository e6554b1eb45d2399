package org.careledger.kernel.value;

/** The filing lifecycle of docs/domain.md (rule F1): submitted → filed → suspended / revoked / deregistered. */
public enum FilingStatus {
    SUBMITTED,
    REJECTED,
    FILED,
    SUSPENDED,
    REVOKED,
    DEREGISTERED
}
