package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Deregister (注销) an institution that stops operating. */
public record DeregisterInstitution(@TargetAggregateIdentifier InstitutionId institutionId, String reason) {
}
