package org.careledger.kernel.value;

import org.careledger.kernel.stereotype.ValueObject;

/** A published fee item: name, amount in fen (1/100 yuan), and what it is charged per. */
@ValueObject
public record Fee(String item, long amountFen, FeeUnit unit) {
}
