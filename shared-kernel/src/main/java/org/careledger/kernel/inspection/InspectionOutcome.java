package org.careledger.kernel.inspection;

/**
 * The outcome of an inspection, derived from what it found: nothing (PASSED), findings without
 * an order (FINDINGS_NOTED), or at least one rectification order (RECTIFICATION_REQUIRED).
 */
public enum InspectionOutcome { PASSED, FINDINGS_NOTED, RECTIFICATION_REQUIRED }
