package org.careledger.command.staff;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;

/** A staff member left the institution. */
public record RecordStaffDeparture(InstitutionId institutionId, @TargetAggregateIdentifier StaffRef staffRef,
                                   LocalDate leftOn) {
}
