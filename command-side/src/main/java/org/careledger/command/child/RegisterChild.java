package org.careledger.command.child;

import org.careledger.kernel.child.ChildPersonalData;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.InstitutionId;

/**
 * Register a child with the institution that will care for it. The personal data travels only in
 * this in-process command; the handler stores it encrypted and the event carries none of it.
 */
public record RegisterChild(@TargetAggregateIdentifier ChildRef childRef, InstitutionId institutionId,
                            ChildPersonalData personalData) {

    @Override
    public String toString() {
        return "RegisterChild[" + childRef + ", institution " + institutionId + "]";
    }
}
