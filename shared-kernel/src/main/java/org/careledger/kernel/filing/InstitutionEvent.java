package org.careledger.kernel.filing;

import java.time.Instant;

import org.careledger.kernel.id.InstitutionId;

/**
 * An event about one institution. {@link #occurredAt()} is business time (when it happened);
 * the event store's timestamp is recorded time (when the system learnt of it).
 */
public interface InstitutionEvent {

    InstitutionId institutionId();

    Instant occurredAt();
}
