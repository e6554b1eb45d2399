package org.careledger.kernel.licence;

/** Where an institution's business licence stands with the e-license platform. */
public enum LicenceStatus {
    /** Filed; the platform has not answered yet (or was unavailable). */
    PENDING,
    /** The platform confirmed a valid licence. */
    VERIFIED,
    /** The platform answered that the licence is expired, revoked or unknown. */
    FAILED,
    /** An inspector accepted the filing without a verified licence, with a written reason. */
    OVERRIDDEN
}
