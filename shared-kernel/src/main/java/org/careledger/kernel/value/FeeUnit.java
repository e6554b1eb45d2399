package org.careledger.kernel.value;

/** What a published fee is charged per. */
public enum FeeUnit { PER_MONTH, PER_DAY, PER_HOUR, ONE_OFF }
