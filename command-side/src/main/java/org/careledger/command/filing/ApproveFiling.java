package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Accept a submitted filing; the health commission issues a filing number (备案回执). */
public record ApproveFiling(@TargetAggregateIdentifier InstitutionId institutionId) {
}
