package org.careledger.kernel.subsidy;

import java.util.List;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * One contributing fact of a decision: what it is (e.g. a child's counted months in a class type),
 * the quantity and rate it contributes with, the amount, and the ids of the events it rests on.
 */
@ValueObject
public record BasisItem(String fact, String subject, String quantity, long rateFen, long amountFen, List<String> eventIds) {

    public BasisItem {
        eventIds = eventIds == null ? List.of() : List.copyOf(eventIds);
    }
}
