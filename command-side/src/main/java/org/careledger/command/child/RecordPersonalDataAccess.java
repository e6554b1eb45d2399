package org.careledger.command.child;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ChildRef;

/** Record that the caller is about to see a child's personal data (every view leaves an event). */
public record RecordPersonalDataAccess(@TargetAggregateIdentifier ChildRef childRef, String purpose) {
}
