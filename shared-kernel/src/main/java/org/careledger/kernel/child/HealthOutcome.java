package org.careledger.kernel.child;

/** Outcome code of a health check; the findings themselves stay in the protected store. */
public enum HealthOutcome { NORMAL, FOLLOW_UP, UNFIT }
