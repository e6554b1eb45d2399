package org.careledger.kernel.value;

/** A published fee item: name, amount in fen (1/100 yuan), and what it is charged per. */
public record Fee(String item, long amountFen, FeeUnit unit) {
}
