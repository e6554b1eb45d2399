package org.careledger.command.filing;

import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.Fee;
import org.careledger.kernel.value.FilingDocument;
import org.careledger.kernel.value.GeoPoint;
import org.careledger.kernel.value.ServiceType;

/**
 * Amend a filing (变更): replaces the particulars an institution may change. The credit code,
 * division and institution type are not amendable; a change of those is a new filing. The local
 * zone is one of the particulars: an amendment without {@code zone} leaves the institution outside
 * any zone (rule F7).
 */
public record AmendFiling(
        @TargetAggregateIdentifier InstitutionId institutionId,
        String name,
        String address,
        GeoPoint location,
        String contactPhone,
        boolean mealsServed,
        Set<ServiceType> serviceTypes,
        List<Fee> fees,
        List<FilingDocument> documents,
        String reason,
        String zone) {

    /** An amendment leaving the institution outside any local zone. */
    public AmendFiling(InstitutionId institutionId, String name, String address, GeoPoint location, String contactPhone,
                       boolean mealsServed, Set<ServiceType> serviceTypes, List<Fee> fees, List<FilingDocument> documents,
                       String reason) {
        this(institutionId, name, address, location, contactPhone, mealsServed, serviceTypes, fees, documents, reason, null);
    }
}
