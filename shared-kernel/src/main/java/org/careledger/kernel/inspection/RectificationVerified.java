package org.careledger.kernel.inspection;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A follow-up checked a rectification order: closed if rectified, else open with a new deadline. */
@DomainEvent
@Revision("1")
public record RectificationVerified(InstitutionId institutionId, String inspectionId, String orderId, boolean rectified,
                                    LocalDate verifiedOn, LocalDate newDeadline, String note, Instant occurredAt)
        implements InstitutionEvent {
}
