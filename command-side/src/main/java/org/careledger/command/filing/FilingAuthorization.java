package org.careledger.command.filing;

import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.security.Caller;
import org.careledger.kernel.security.Role;
import org.careledger.kernel.value.DivisionCode;

/**
 * Who may do what to a filing (ADR 0007). Operators act for their own institution; inspectors
 * decide filings within their jurisdiction; subsidy officers and inspectors decide 普惠 status;
 * administrators and the application's own processes may do everything.
 */
public final class FilingAuthorization {

    /** Who may do something to an institution: one of the checks below. */
    @FunctionalInterface
    interface Authority {
        void authorize(Caller caller, InstitutionId id, DivisionCode division);
    }

    private FilingAuthorization() {
    }

    /** Filing, amending and class changes: the institution's own operator, or an administrator. */
    public static void institutionItself(Caller caller, InstitutionId id, DivisionCode division) {
        caller.requireRole(Role.OPERATOR, Role.ADMIN).requireAccess(id, division);
    }

    /** Approving, rejecting, suspending, reinstating, revoking: an inspector of the jurisdiction. */
    static void healthCommission(Caller caller, InstitutionId id, DivisionCode division) {
        caller.requireRole(Role.INSPECTOR, Role.ADMIN).requireAccess(id, division);
    }

    /** Deregistering: the institution itself or the health commission. */
    static void institutionOrHealthCommission(Caller caller, InstitutionId id, DivisionCode division) {
        caller.requireRole(Role.OPERATOR, Role.INSPECTOR, Role.ADMIN).requireAccess(id, division);
    }

    /** 普惠 status: an inspector or a subsidy officer of the jurisdiction. */
    static void puhuiAuthority(Caller caller, InstitutionId id, DivisionCode division) {
        caller.requireRole(Role.INSPECTOR, Role.SUBSIDY_OFFICER, Role.ADMIN).requireAccess(id, division);
    }
}
