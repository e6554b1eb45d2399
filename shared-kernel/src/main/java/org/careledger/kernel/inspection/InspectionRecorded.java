package org.careledger.kernel.inspection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** An inspection took place; its outcome follows from its findings and orders. */
@DomainEvent
@Revision("1")
public record InspectionRecorded(InstitutionId institutionId, String inspectionId, InspectionType type,
                                 Set<JointAgency> agencies, LocalDate inspectedOn, List<Finding> findings,
                                 List<RectificationOrder> orders, InspectionOutcome outcome, Instant occurredAt)
        implements InstitutionEvent {

    public InspectionRecorded {
        agencies = agencies == null ? Set.of() : java.util.Collections.unmodifiableSet(new TreeSet<>(agencies));
        findings = findings == null ? List.of() : List.copyOf(findings);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }
}
