package org.careledger.kernel.attendance;

import java.time.Instant;
import java.time.LocalDate;

import org.careledger.kernel.id.InstitutionId;

/**
 * An attendance fact. Deliberately not an {@code InstitutionEvent}: attendance is the volume, and
 * the institution views do not change with it; the utilisation and subsidy views read it.
 */
public interface AttendanceEvent {

    InstitutionId institutionId();

    LocalDate day();

    Instant occurredAt();
}
