package org.careledger.command.filing;

import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.error.ErrorCode;
import org.careledger.kernel.licence.LicenceStatus;

/**
 * A filing is approved only once the business licence has been verified with the e-license
 * platform (registration happens outside this system and is checked there), or an inspector has
 * overridden the check with a written reason (issue 6; docs/domain.md, rule F5).
 */
final class LicenceGate {

    private LicenceGate() {
    }

    static void licenceVerifiedBeforeApproval(LicenceStatus status) {
        if (status == LicenceStatus.VERIFIED || status == LicenceStatus.OVERRIDDEN) {
            return;
        }
        if (status == LicenceStatus.FAILED) {
            throw new DomainException(ErrorCode.LICENCE_NOT_VERIFIED,
                    "The e-license platform did not confirm the business licence; an inspector may override with a reason");
        }
        throw new DomainException(ErrorCode.LICENCE_VERIFICATION_PENDING,
                "The business licence is still being verified with the e-license platform; retry shortly");
    }

    static void overrideOnlyWhenNotVerified(LicenceStatus status) {
        if (status == LicenceStatus.VERIFIED || status == LicenceStatus.OVERRIDDEN) {
            throw new DomainException(ErrorCode.LICENCE_OVERRIDE_NOT_NEEDED, "The licence is already " + status);
        }
    }
}
