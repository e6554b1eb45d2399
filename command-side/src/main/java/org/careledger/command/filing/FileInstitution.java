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

/**
 * Register an institution and submit its filing (备案) to the county health commission. {@code zone}
 * (optional) names the configured local zone inside the division the institution lies in (rule F7).
 */
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
        List<FilingDocument> documents,
        String zone) {

    /** A filing outside any local zone. */
    public FileInstitution(InstitutionId institutionId, CreditCode creditCode, String name, InstitutionType type,
                           DivisionCode division, String address, GeoPoint location, String contactPhone,
                           boolean mealsServed, Set<ServiceType> serviceTypes, List<ClassSpec> classes, List<Fee> fees,
                           List<FilingDocument> documents) {
        this(institutionId, creditCode, name, type, division, address, location, contactPhone, mealsServed,
                serviceTypes, classes, fees, documents, null);
    }
}
