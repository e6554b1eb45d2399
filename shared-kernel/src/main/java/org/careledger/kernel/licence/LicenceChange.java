package org.careledger.kernel.licence;

/** A licence status change pushed by an e-license platform. */
public enum LicenceChange { REVOKED, EXPIRED, CHANGED }
