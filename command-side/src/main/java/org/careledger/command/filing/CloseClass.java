package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;

/** Close a class. */
public record CloseClass(@TargetAggregateIdentifier InstitutionId institutionId, ClassId classId, String reason) {
}
