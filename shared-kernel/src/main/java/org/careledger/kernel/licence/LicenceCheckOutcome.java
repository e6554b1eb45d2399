package org.careledger.kernel.licence;

/** What the e-license platform answers about a business licence. */
public enum LicenceCheckOutcome { VALID, EXPIRED, REVOKED, UNKNOWN }
