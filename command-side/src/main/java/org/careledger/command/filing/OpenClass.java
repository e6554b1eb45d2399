package org.careledger.command.filing;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.value.ClassType;

/** Open a class of a given type with a number of approved places. */
public record OpenClass(@TargetAggregateIdentifier InstitutionId institutionId, ClassId classId, String name,
                        ClassType classType, int places) {
}
