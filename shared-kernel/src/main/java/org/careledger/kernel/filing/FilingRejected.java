package org.careledger.kernel.filing;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** The filing was found non-compliant; the filer was told why and may amend it. */
@DomainEvent
@Revision("1")
public record FilingRejected(InstitutionId institutionId, List<String> reasons, Instant occurredAt) implements InstitutionEvent {
}
