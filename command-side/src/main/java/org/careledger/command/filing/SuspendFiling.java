package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Suspend a filed institution (it stays on the white-list as suspended). */
public record SuspendFiling(@TargetAggregateIdentifier InstitutionId institutionId, String reason) {
}
