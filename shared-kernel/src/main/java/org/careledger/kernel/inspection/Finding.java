package org.careledger.kernel.inspection;

/** One finding of an inspection; the description names no child or staff member. */
public record Finding(FindingCategory category, FindingSeverity severity, String description) {
}
