package org.careledger.kernel.inspection;

import java.time.LocalDate;
import org.careledger.kernel.stereotype.ValueObject;

/** A rectification order (整改通知) with its deadline, about one finding (by index). */
@ValueObject
public record RectificationOrder(String orderId, int findingIndex, String requirement, LocalDate deadline) {
}
