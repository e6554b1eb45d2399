package org.careledger.kernel.filing;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.careledger.kernel.stereotype.DomainEvent;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.ServiceType;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;

/**
 * The filing's particulars were changed (变更). If the filing had been rejected, the amendment resubmits it ({@code resubmitted=true}).
 * {@code zone} is the local zone the institution lies in after the amendment, or null for none: an
 * amendment replaces the particulars, the zone among them (docs/domain.md, rule F7). Revision 2 added
 * it; revision-1 records (written before zones existed) are upcast with {@code zone} null
 * ({@code infra.axon.FilingZoneUpcasters}).
 */
@DomainEvent
@Revision("2")
public record FilingAmended(InstitutionId institutionId, String name, String address, GeoPoint location, String contactPhone,
                            boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                            List<FilingDocument> documents, String reason, boolean resubmitted, Instant occurredAt,
                            String zone) implements InstitutionEvent {

    /** An amendment leaving the institution outside any local zone. */
    public FilingAmended(InstitutionId institutionId, String name, String address, GeoPoint location, String contactPhone,
                         boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                         List<FilingDocument> documents, String reason, boolean resubmitted, Instant occurredAt) {
        this(institutionId, name, address, location, contactPhone, mealsServed, serviceTypes, fees, documents, reason,
                resubmitted, occurredAt, null);
    }
}
