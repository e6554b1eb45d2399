package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Revoke a filing (撤销备案). */
public record RevokeFiling(@TargetAggregateIdentifier InstitutionId institutionId, String reason) {
}
