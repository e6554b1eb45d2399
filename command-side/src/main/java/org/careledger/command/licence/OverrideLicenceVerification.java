package org.careledger.command.licence;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** An inspector accepts a filing without a verified licence, with a written reason. */
public record OverrideLicenceVerification(@TargetAggregateIdentifier InstitutionId institutionId, String reason) {
}
