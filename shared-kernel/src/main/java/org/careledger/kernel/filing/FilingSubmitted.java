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

/**
 * An institution registered and submitted its filing. A credit code failing the GB 32100 checksum is carried with {@code creditCodeChecksumValid=false}: it must be settled by licence verification.
 * {@code zone} is the configured local zone (docs/domain.md, rule F7) the institution lies in, inside its
 * division, or null. Revision 2 added it; revision-1 records are upcast with {@code zone} null
 * ({@code infra.axon.FilingZoneUpcasters}).
 */
@DomainEvent
@Revision("2")
public record FilingSubmitted(InstitutionId institutionId, CreditCode creditCode, boolean creditCodeChecksumValid, String name,
                              InstitutionType type, DivisionCode division, String address, GeoPoint location,
                              String contactPhone, boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                              List<FilingDocument> documents, Instant occurredAt, String zone) implements InstitutionEvent {

    /** A filing outside any local zone. */
    public FilingSubmitted(InstitutionId institutionId, CreditCode creditCode, boolean creditCodeChecksumValid, String name,
                           InstitutionType type, DivisionCode division, String address, GeoPoint location,
                           String contactPhone, boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                           List<FilingDocument> documents, Instant occurredAt) {
        this(institutionId, creditCode, creditCodeChecksumValid, name, type, division, address, location, contactPhone,
                mealsServed, serviceTypes, fees, documents, occurredAt, null);
    }
}
