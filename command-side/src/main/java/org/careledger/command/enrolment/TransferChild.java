package org.careledger.command.enrolment;

import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;

/** Move an enrolled child to another class of the same institution (e.g. as the child grows). */
public record TransferChild(InstitutionId institutionId, @TargetAggregateIdentifier EnrolmentId enrolmentId,
                            ClassId toClassId, LocalDate effectiveOn) {
}
