package org.careledger.kernel.enrolment;

import java.time.Instant;
import java.time.LocalDate;

import org.axonframework.serialization.Revision;
import org.careledger.kernel.filing.InstitutionEvent;
import org.careledger.kernel.id.ChildRef;
import org.careledger.kernel.id.ClassId;
import org.careledger.kernel.id.EnrolmentId;
import org.careledger.kernel.id.InstitutionId;
import org.careledger.kernel.stereotype.DomainEvent;

/** An enrolment ended; {@code endsOn} is the child's last day of care under it. */
@DomainEvent
@Revision("1")
public record EnrolmentEnded(InstitutionId institutionId, EnrolmentId enrolmentId, ChildRef childRef, ClassId classId,
                             EnrolmentEndReason reason, LocalDate endsOn, String note, Instant occurredAt)
        implements InstitutionEvent {
}
