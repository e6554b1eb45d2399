package org.careledger.command.child;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ChildRef;

/** Destroy a child's data key (administrators only). */
public record EraseChildPersonalData(@TargetAggregateIdentifier ChildRef childRef, String reason) {
}
