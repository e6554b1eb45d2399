package org.careledger.command.licence;

import org.careledger.kernel.value.CreditCode;

/**
 * Port to the e-license platform (电子证照库): verifies a business licence by the holder's
 * unified social credit code and, where the filing gives it, the licence number. Implementations may block; they are called from the licence-check
 * worker, never from a Netty event loop.
 */
public interface LicenceRegistry {

    /**
     * @param licenceNumber the business licence's number as the filing gives it (may be null)
     * @return the platform's answer
     * @throws LicenceRegistryUnavailable when the platform cannot be reached or answers with an error
     */
    LicenceCheckResult verify(CreditCode creditCode, String licenceNumber);

    /**
     * Whether this instance can verify licences at all (a platform is configured or built in). An
     * instance that cannot leaves pending checks to the instances that can (ADR 0024).
     */
    default boolean canVerify() {
        return true;
    }
}
