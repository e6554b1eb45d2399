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
import org.careledger.kernel.value.ClassType;

/** An enrolled child moved to another class of the institution. */
@DomainEvent
@Revision("1")
public record ChildTransferred(InstitutionId institutionId, EnrolmentId enrolmentId, ChildRef childRef,
                               ClassId fromClassId, ClassId toClassId, ClassType toClassType, LocalDate effectiveOn,
                               Instant occurredAt) implements InstitutionEvent {
}
