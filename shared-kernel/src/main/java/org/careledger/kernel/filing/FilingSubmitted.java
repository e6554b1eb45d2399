package org.careledger.kernel.filing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/** An institution registered and submitted its filing. A credit code failing the GB 32100 checksum is carried with {@code creditCodeChecksumValid=false}: it must be settled by licence verification. */
@DomainEvent
@Revision("1")
public record FilingSubmitted(InstitutionId institutionId, CreditCode creditCode, boolean creditCodeChecksumValid, String name,
                              InstitutionType type, DivisionCode division, String address, GeoPoint location,
                              String contactPhone, boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                              List<FilingDocument> documents, Instant occurredAt) implements InstitutionEvent {
}
