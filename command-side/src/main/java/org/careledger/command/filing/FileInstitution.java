package org.careledger.command.filing;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.ClassSpec;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.InstitutionType;
import org.careledger.kernel.value.ServiceType;

/** Register an institution and submit its filing (备案) to the county health commission. */
public record FileInstitution(
        @TargetAggregateIdentifier InstitutionId institutionId,
        CreditCode creditCode,
        String name,
        InstitutionType type,
        DivisionCode division,
        String address,
        GeoPoint location,
        String contactPhone,
        boolean mealsServed,
        Set<ServiceType> serviceTypes,
        List<ClassSpec> classes,
        List<Fee> fees,
        List<FilingDocument> documents) {
}
