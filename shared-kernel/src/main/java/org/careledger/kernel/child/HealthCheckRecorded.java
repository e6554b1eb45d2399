package org.careledger.kernel.child;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** A health check was recorded: kind, date and outcome code only; the details are in the protected store. */
@DomainEvent
@Revision("1")
public record HealthCheckRecorded(ChildRef childRef, InstitutionId institutionId, HealthCheckKind kind,
                                  LocalDate checkedOn, HealthOutcome outcome, Instant occurredAt) implements InstitutionEvent {
}
