package org.careledger.kernel.attendance;

/** Why an enrolled child was absent on a day. */
public enum AbsenceReason { ILLNESS, FAMILY, HOLIDAY, OTHER }
