package org.careledger.command.filing;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.rule.Rejection;
import org.careledger.kernel.rule.Rule;
import org.careledger.kernel.stereotype.BusinessRule;
import org.careledger.kernel.value.FilingStatus;

/**
 * The filing lifecycle of docs/domain.md, rule F1 (《托育机构登记和备案办法（试行）》): which status
 * allows which step, one rule per step, and who may take it (ADR 0007). Submitted filings are approved or rejected; filed ones can
 * be amended, suspended, revoked or deregistered; a revoked or deregistered filing is final.
 */
@BusinessRule
enum FilingLifecycleRules implements Rule<FilingStatus> {
    APPROVE(FilingAuthorization::healthCommission, EnumSet.of(FilingStatus.SUBMITTED)),
    REJECT(FilingAuthorization::healthCommission, EnumSet.of(FilingStatus.SUBMITTED)),
    AMEND(FilingAuthorization::institutionItself,
            EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED)),
    SUSPEND(FilingAuthorization::healthCommission, EnumSet.of(FilingStatus.FILED)),
    REINSTATE(FilingAuthorization::healthCommission, EnumSet.of(FilingStatus.SUSPENDED)),
    REVOKE(FilingAuthorization::healthCommission, EnumSet.of(FilingStatus.FILED, FilingStatus.SUSPENDED)),
    DEREGISTER(FilingAuthorization::institutionOrHealthCommission,
            EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED)),
    GRANT_PUHUI(FilingAuthorization::puhuiAuthority, EnumSet.of(FilingStatus.FILED)),
    WITHDRAW_PUHUI(FilingAuthorization::puhuiAuthority,
            EnumSet.of(FilingStatus.FILED, FilingStatus.SUSPENDED, FilingStatus.REVOKED)),
    CHANGE_CLASSES(FilingAuthorization::institutionItself,
            EnumSet.of(FilingStatus.SUBMITTED, FilingStatus.REJECTED, FilingStatus.FILED, FilingStatus.SUSPENDED));

    private static final String SOURCE = "《托育机构登记和备案办法（试行）》 (docs/domain.md, rule F1)";

    private final FilingAuthorization.Authority authority;
    private final Set<FilingStatus> allowedFrom;

    FilingLifecycleRules(FilingAuthorization.Authority authority, Set<FilingStatus> allowedFrom) {
        this.authority = authority;
        this.allowedFrom = allowedFrom;
    }

    /** Who may take the step (ADR 0007). */
    FilingAuthorization.Authority authority() {
        return authority;
    }

    boolean allowedFrom(FilingStatus status) {
        return allowedFrom.contains(status);
    }

    @Override
    public Optional<Rejection> check(FilingStatus status) {
        return allowedFrom(status) ? Rule.holds() : Rule.refuse(ErrorCode.ILLEGAL_FILING_TRANSITION, SOURCE,
                "Cannot " + name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                        + " a filing that is " + status + "; allowed from " + allowedFrom);
    }
}
