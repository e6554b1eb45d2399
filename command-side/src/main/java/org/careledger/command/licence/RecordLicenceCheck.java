package org.careledger.command.licence;

import org.careledger.kernel.licence.LicenceCheckOutcome;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Record the e-license platform's answer about an institution's business licence (system only). */
public record RecordLicenceCheck(@TargetAggregateIdentifier InstitutionId institutionId, LicenceCheckOutcome outcome,
                                 String licenceNumber, LocalDate validFrom, LocalDate validUntil, String detail) {
}
