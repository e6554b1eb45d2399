package org.careledger.kernel.inspection;

import org.careledger.kernel.stereotype.ValueObject;

/** One finding of an inspection; the description names no child or staff member. */
@ValueObject
public record Finding(FindingCategory category, FindingSeverity severity, String description) {
}
