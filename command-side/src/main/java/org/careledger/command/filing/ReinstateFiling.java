package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Lift a suspension. */
public record ReinstateFiling(@TargetAggregateIdentifier InstitutionId institutionId, String reason) {
}
