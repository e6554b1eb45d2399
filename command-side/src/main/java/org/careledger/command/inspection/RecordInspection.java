package org.careledger.command.inspection;

import org.careledger.kernel.inspection.Finding;
import org.careledger.kernel.inspection.InspectionType;
import org.careledger.kernel.inspection.JointAgency;
import org.careledger.kernel.inspection.RectificationOrder;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.InstitutionId;

/** Record an inspection of an institution, its findings and rectification orders. */
public record RecordInspection(@TargetAggregateIdentifier String inspectionId, InstitutionId institutionId,
                               InspectionType type, Set<JointAgency> agencies, LocalDate inspectedOn,
                               List<Finding> findings, List<RectificationOrder> orders) {

    public RecordInspection {
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
        findings = findings == null ? List.of() : List.copyOf(findings);
        orders = orders == null ? List.of() : List.copyOf(orders);
    }
}
