package org.careledger.kernel.enrolment;

import java.time.Instant;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/**
 * An institution tried to enrol a child who already holds an active enrolment (here or in another
 * institution). The enrolment was refused; this record lets inspectors see the attempt.
 */
@DomainEvent
@Revision("1")
public record DoubleEnrolmentAttempted(InstitutionId institutionId, EnrolmentId attemptedEnrolmentId, ChildRef childRef,
                                       InstitutionId holdingInstitutionId, EnrolmentId activeEnrolmentId,
                                       Instant occurredAt) implements InstitutionEvent {
}
