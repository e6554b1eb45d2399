package org.careledger.command.filing;

import java.util.EnumSet;
import java.util.Set;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.value.FilingStatus;

/**
 * The filing lifecycle of docs/domain.md, rule F1 (《托育机构登记和备案办法（试行）》): which status allows which step.
 * Submitted filings are approved or rejected; filed ones can be amended, suspended, revoked or
 * deregistered; a revoked or deregistered filing is final.
 */
enum FilingTransitions {
    APPROVE(EnumSet.of(FilingStatus.SUBMITTED)),
    REJECT(EnumSet.of(FilingStatus.SUBMITTED)),
    AMEND(EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED)),
    SUSPEND(EnumSet.of(FilingStatus.FILED)),
    REINSTATE(EnumSet.of(FilingStatus.SUSPENDED)),
    REVOKE(EnumSet.of(FilingStatus.FILED, FilingStatus.SUSPENDED)),
    DEREGISTER(EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED)),
    GRANT_PUHUI(EnumSet.of(FilingStatus.FILED)),
    WITHDRAW_PUHUI(EnumSet.of(FilingStatus.FILED, FilingStatus.SUSPENDED, FilingStatus.REVOKED)),
    CHANGE_CLASSES(EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED));

    private final Set<FilingStatus> allowedFrom;

    FilingTransitions(Set<FilingStatus> allowedFrom) {
        this.allowedFrom = allowedFrom;
    }

    boolean allowedFrom(FilingStatus status) {
        return allowedFrom.contains(status);
    }

    void requireAllowedFrom(FilingStatus status) {
        if (!allowedFrom(status)) {
            throw new DomainException(ErrorCode.ILLEGAL_FILING_TRANSITION,
                    "Cannot " + name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                            + " a filing that is " + status + "; allowed from " + allowedFrom);
        }
    }
}
