package org.careledger.command.enrolment;

import org.careledger.kernel.enrolment.EnrolmentEndReason;
import java.time.LocalDate;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;

/**
 * End an enrolment: a withdrawal by the institution (with a note), or the system ending it when
 * the contract runs out or the child ages out. {@code endsOn} is the last day of care.
 */
public record EndEnrolment(InstitutionId institutionId, @TargetAggregateIdentifier EnrolmentId enrolmentId,
                           EnrolmentEndReason reason, LocalDate endsOn, String note) {
}
