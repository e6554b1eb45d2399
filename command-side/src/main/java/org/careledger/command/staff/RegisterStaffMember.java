package org.careledger.command.staff;

import org.careledger.kernel.staff.StaffPersonalData;
import org.careledger.kernel.staff.StaffRole;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.id.StaffRef;

/**
 * Register a staff member with role, class (carers), qualification and the expiry dates of the
 * qualification and health certificates. The personal data goes only to the protected store.
 */
public record RegisterStaffMember(InstitutionId institutionId, @TargetAggregateIdentifier StaffRef staffRef,
                                  StaffRole role, ClassId classId, String qualification,
                                  LocalDate qualificationExpiresOn, LocalDate healthCertificateExpiresOn,
                                  StaffPersonalData personalData) {

    @Override
    public String toString() {
        return "RegisterStaffMember[" + institutionId + ", " + staffRef + ", " + role + ", " + classId + "]";
    }
}
