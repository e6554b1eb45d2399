package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;

/** Change the number of places of a class. */
public record ResizeClass(@TargetAggregateIdentifier InstitutionId institutionId, ClassId classId, int places) {
}
