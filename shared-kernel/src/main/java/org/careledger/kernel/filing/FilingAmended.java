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

/** The filing's particulars were changed (变更). If the filing had been rejected, the amendment resubmits it ({@code resubmitted=true}). */
@DomainEvent
@Revision("1")
public record FilingAmended(InstitutionId institutionId, String name, String address, GeoPoint location, String contactPhone,
                            boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees,
                            List<FilingDocument> documents, String reason, boolean resubmitted, Instant occurredAt) implements InstitutionEvent {
}
