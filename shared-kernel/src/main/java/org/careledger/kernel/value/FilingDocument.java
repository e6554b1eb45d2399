package org.careledger.kernel.value;

import java.time.LocalDate;
import org.careledger.kernel.stereotype.ValueObject;

/**
 * One document of a filing: its type, the reference (document number or storage key), when it
 * was issued, and for the health evaluation report whether it was rated qualified (合格).
 */
@ValueObject
public record FilingDocument(FilingDocumentType type, String reference, LocalDate issuedOn, Boolean qualified) {
}
