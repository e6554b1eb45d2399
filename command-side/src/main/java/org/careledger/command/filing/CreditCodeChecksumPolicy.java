package org.careledger.command.filing;

import org.careledger.kernel.value.CreditCode;

/**
 * GB 32100-2015 check character of the unified social credit code. Some early pilot codes fail
 * the checksum yet are legal (docs/domain.md, rule F4): a failing checksum is therefore not a refusal; it is
 * recorded on the filing ({@code creditCodeChecksumValid=false}) as "needs licence verification",
 * to be settled by the e-license platform.
 */
final class CreditCodeChecksumPolicy {

    private CreditCodeChecksumPolicy() {
    }

    /** @return whether the checksum holds; false marks the filing for licence verification */
    static boolean checksumFailureNeedsLicenceVerification(CreditCode code) {
        return code.checksumValid();
    }
}
