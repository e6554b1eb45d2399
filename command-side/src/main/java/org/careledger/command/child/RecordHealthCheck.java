package org.careledger.command.child;

import org.careledger.kernel.child.HealthCheckKind;
import org.careledger.kernel.child.HealthOutcome;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ChildRef;

/** Record a child's health check; {@code details} go only to the encrypted store. */
public record RecordHealthCheck(@TargetAggregateIdentifier ChildRef childRef, HealthCheckKind kind, LocalDate checkedOn,
                                HealthOutcome outcome, String details) {

    @Override
    public String toString() {
        return "RecordHealthCheck[" + childRef + ", " + kind + ", " + checkedOn + ", " + outcome + "]";
    }
}
