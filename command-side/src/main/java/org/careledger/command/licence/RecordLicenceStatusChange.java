package org.careledger.command.licence;

import org.careledger.kernel.licence.LicenceChange;
import java.time.Instant;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Record a licence status change an e-license platform notified (system only). */
public record RecordLicenceStatusChange(@TargetAggregateIdentifier InstitutionId institutionId, String platformId,
                                        String notificationId, LicenceChange change, Instant effectiveAt,
                                        String detail) {
}
