package org.careledger.command.staff;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;

/** Record renewed certificates of a staff member. */
public record RenewStaffCertificates(InstitutionId institutionId, @TargetAggregateIdentifier StaffRef staffRef,
                                     LocalDate qualificationExpiresOn, LocalDate healthCertificateExpiresOn) {
}
